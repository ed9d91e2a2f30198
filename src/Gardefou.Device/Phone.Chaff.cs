using System.Globalization;
using System.Security.Cryptography;
using Gardefou.Device.Storage;
using Gardefou.Device.Upload;

namespace Gardefou.Device;

public sealed partial class Phone
{
    /// <summary>
    /// Sends a dummy upload if one is due by Google's schedule, then schedules the next one from the due time (not
    /// from now), so the process keeps its rate whatever else the phone does, including after a real upload.
    /// Returns whether a dummy upload was sent. A phone that was off for long sends one, not a burst.
    /// </summary>
    public async Task<bool> SendDueChaffAsync(CancellationToken ct = default)
    {
        if (await EnforceSunsetAsync(ct))
        {
            return false;
        }
        var now = _options.Clock.GetUtcNow();
        DateTimeOffset due;
        var text = await PlainSql.GetAsync(_storage, Settings.NextChaff, ct);
        due = text is null ? now : DateTimeOffset.FromUnixTimeSeconds(long.Parse(text, CultureInfo.InvariantCulture));
        if (due > now)
        {
            return false;
        }

        // The same three requests as a real report, each padded to the same size and marked as chaff.
        var code = string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        var token = await VerifyCodeAsync(code, chaff: true, ct);
        var hmac = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await RequestCertificateAsync(token, hmac, chaff: true, ct);
        var body = UploadBody.Chaff(now, _options.UploadBodySize);
        await _http.PostJsonAsync(new Uri(Server, "v1/publish"), body, withApiKey: false, chaff: true, MaxResponseBytes, ct);

        var next = due;
        while (next <= now)
        {
            next = ChaffSchedule.Next(next, _options.ChaffCheckInterval, _options.ChaffProbability, _options.Random);
        }
        await using (var connection = await _storage.OpenConnectionAsync(ct))
        {
            var sent = await PlainSql.GetAsync(connection, Settings.ChaffSent, ct);
            await using var transaction = connection.BeginTransaction();
            await PlainSql.SetAsync(transaction, Settings.NextChaff, next.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ct);
            await PlainSql.SetAsync(transaction, Settings.ChaffSent, ((sent is null ? 0 : int.Parse(sent, CultureInfo.InvariantCulture)) + 1).ToString(CultureInfo.InvariantCulture), ct);
            await transaction.CommitAsync(ct);
        }
        return true;
    }

    /// <summary>When the next dummy upload is due.</summary>
    public async Task<DateTimeOffset?> GetNextChaffAsync(CancellationToken ct = default)
    {
        var text = await PlainSql.GetAsync(_storage, Settings.NextChaff, ct);
        return text is null ? null : DateTimeOffset.FromUnixTimeSeconds(long.Parse(text, CultureInfo.InvariantCulture));
    }
}
