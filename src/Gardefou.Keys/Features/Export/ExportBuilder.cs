using System.Security.Cryptography;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// Turns the keys of one export window into signed zip files: padded with random keys up to the minimum batch size,
/// split at the per-file limit. The caller stores the bytes (in the database, beside the file's row). The writer sorts
/// keys by their bytes, so neither upload order nor padding position shows in a file.
/// </summary>
public static class ExportBuilder
{
    /// <summary>What was built: the files in order, and how many real, padding and revised keys they hold.</summary>
    public sealed record Result(IReadOnlyList<File> Files, int RealKeys, int PaddingKeys, int RevisedKeys);

    /// <summary>One signed zip and its path relative to the export root.</summary>
    public sealed record File(string Path, byte[] Content);

    /// <summary>Builds and signs the files of a window.</summary>
    public static Result Build(
        ExportSeries series,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        IReadOnlyList<ExportKey> keys,
        IReadOnlyList<ExportKey> revisedKeys,
        ExportSigningKey signingKey,
        KeysOptions options,
        CancellationToken ct)
    {
        var diagnosisKeys = new List<DiagnosisKey>(Math.Max(keys.Count, options.MinimumBatchSize + options.PaddingJitter));
        foreach (var key in keys)
        {
            diagnosisKeys.Add(ToDiagnosisKey(key));
        }
        var padding = AddPadding(diagnosisKeys, windowEnd, options);
        var revised = new DiagnosisKey[revisedKeys.Count];
        for (var i = 0; i < revised.Length; i++)
        {
            revised[i] = ToDiagnosisKey(revisedKeys[i]);
        }

        var batches = ExportBatch.Split(options.Region, windowStart, windowEnd, diagnosisKeys, revised, options.MaxKeysPerFile);
        var files = new File[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            files[i] = new File(ExportLayout.FileOf(series, windowStart, windowEnd, batches[i].BatchNum), ExportFileWriter.WriteToArray(batches[i], [signingKey]));
        }
        return new Result(files, keys.Count, padding, revised.Length);
    }

    /// <summary>
    /// Pads a non-empty batch with random keys up to the minimum size plus a random jitter, so a file's key count
    /// says little about how many people uploaded. Padding metadata comes from <see cref="PaddingKeys"/>, a fixed
    /// distribution independent of the real keys, so padding never multiplies a real key's metadata.
    /// </summary>
    public static int AddPadding(List<DiagnosisKey> keys, DateTimeOffset windowEnd, KeysOptions options)
    {
        if (keys.Count == 0)
        {
            return 0;
        }
        var target = options.MinimumBatchSize + RandomNumberGenerator.GetInt32(options.PaddingJitter + 1);
        var missing = target - keys.Count;
        for (var i = 0; i < missing; i++)
        {
            keys.Add(PaddingKeys.Draw(windowEnd));
        }
        return Math.Max(0, missing);
    }

    private static DiagnosisKey ToDiagnosisKey(ExportKey key) => new(
        TemporaryExposureKey.FromBytes(key.KeyData),
        new KeyValidity(new EnIntervalNumber(key.RollingStart), key.RollingPeriod),
        key.TransmissionRisk,
        (ReportType)key.ReportType,
        key.DaysSinceOnset);
}
