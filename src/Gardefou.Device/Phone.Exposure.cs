using System.Globalization;
using Gardefou.Device.Exposure;
using Gardefou.Device.Network;
using Gardefou.Device.Storage;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Risk;

namespace Gardefou.Device;

public sealed partial class Phone
{
    private const int MaxIndexBytes = 1024 * 1024;

    /// <summary>
    /// Downloads the export files published since the last check (from <c>/v1/exports/index.txt</c>, asking the
    /// server for <c>?after=</c> the last processed path and also skipping known paths itself), verifies each file's
    /// signature with the pinned key, matches it against the observations, and records the days at risk. Files are
    /// processed oldest first and each one is committed with the new progress marker in one transaction; a file
    /// that is unsigned, wrongly signed or corrupt is retried, then refused, leaving the state as it was before it.
    /// </summary>
    public async Task<ExposureCheckResult> CheckExposureAsync(CancellationToken ct = default)
    {
        if (await EnforceSunsetAsync(ct))
        {
            throw new PhoneException("This phone has passed its sunset date: it stopped and erased all its data.");
        }
        await EraseExpiredAsync(ct);

        string pem;
        string? lastPath;
        await using (var connection = await _storage.OpenConnectionAsync(ct))
        {
            pem = await PlainSql.GetAsync(connection, Settings.ExportPublicKeyPem, ct) ?? throw new PhoneException("No export public key is pinned.");
            lastPath = await PlainSql.GetAsync(connection, Settings.LastExportPath, ct);
        }
        using var publicKey = EcdsaPem.LoadPublicKey(pem);

        var newPaths = await ListNewExportsAsync(lastPath, ct);
        ExposureAnalysis? analysis = null;
        var processed = 0;
        foreach (var path in newPaths)
        {
            var uri = new Uri(Server, "v1/exports/" + path);
            analysis ??= new ExposureAnalysis(await Observations.LoadAsync(ct), new RiskScorer(_options.Risk));
            var days = await _http.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, uri),
                async (response, token) => MatchVerified(await PhoneHttp.ReadCappedAsync(response, ExportFormat.MaxZipLength, token), publicKey, analysis),
                ct);

            // The file's days and the progress marker are committed together: a crash repeats the file, never skips it.
            await using var connection = await _storage.OpenConnectionAsync(ct);
            await using var transaction = connection.BeginTransaction();
            foreach (var day in days)
            {
                await PlainSql.ExecuteAsync(transaction, "INSERT OR IGNORE INTO exposure_days (Day) VALUES ($p0)", ct, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            await PlainSql.SetAsync(transaction, Settings.LastExportPath, path, ct);
            await transaction.CommitAsync(ct);
            processed++;
        }

        var status = await GetStatusAsync(ct);
        return new ExposureCheckResult(status.ExposureDays.Count > 0, status.ExposureDays, processed);
    }

    /// <summary>Paths listed after <paramref name="lastPath"/>, whether or not the server honoured <c>?after=</c>.</summary>
    private async Task<IReadOnlyList<string>> ListNewExportsAsync(string? lastPath, CancellationToken ct)
    {
        var query = lastPath is null ? "" : "?after=" + Uri.EscapeDataString(lastPath);
        var text = await _http.GetStringAsync(new Uri(Server, "v1/exports/index.txt" + query), MaxIndexBytes, ct);
        var paths = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (!IsSafeRelativePath(line))
            {
                throw new PhoneException("The export index lists a path that is not a plain relative path; refusing it.");
            }
            paths.Add(line);
        }
        if (lastPath is not null && paths.IndexOf(lastPath) is var at and >= 0)
        {
            return paths[(at + 1)..];
        }
        // The marker is no longer listed (the server returned only newer files, or it expired): whatever is listed is new.
        return paths;
    }

    private static bool IsSafeRelativePath(string path) =>
        path.Length <= 256
        && !path.StartsWith('/')
        && !path.Contains("..", StringComparison.Ordinal)
        && !path.Contains('\\')
        && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.');

    /// <summary>
    /// From a downloaded export file to the days at risk: loads and indexes the observations, then reads the file once,
    /// matching its keys chunk by chunk as they are parsed and hashed, verifies the signature with the pinned key, and
    /// only then scores the matches. Records nothing (the check records days with its progress marker).
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> MatchExportFileAsync(Stream zip, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var pem = await PlainSql.GetAsync(_storage, Settings.ExportPublicKeyPem, ct) ?? throw new PhoneException("No export public key is pinned.");
        using var publicKey = EcdsaPem.LoadPublicKey(pem);
        var analysis = new ExposureAnalysis(await Observations.LoadAsync(ct), new RiskScorer(_options.Risk));
        try
        {
            return analysis.DaysAtRisk(zip, publicKey);
        }
        catch (ExportFormatException e)
        {
            throw new PhoneException("The export file is refused: " + e.Message, e);
        }
    }

    /// <summary>Reads, verifies and matches one downloaded export file; anything wrong makes it a corrupt download.</summary>
    private static IReadOnlyList<DateOnly> MatchVerified(byte[] zip, System.Security.Cryptography.ECDsa publicKey, ExposureAnalysis analysis)
    {
        try
        {
            using var stream = new MemoryStream(zip, writable: false);
            return analysis.DaysAtRisk(stream, publicKey);
        }
        catch (ExportFormatException e)
        {
            throw new CorruptResponseException("an export file is refused: " + e.Message, e);
        }
    }
}
