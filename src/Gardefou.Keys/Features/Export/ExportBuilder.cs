using System.Security.Cryptography;
using Gardefou.Protocol.Export;

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
        IReadOnlyList<DiagnosisKey> keys,
        IReadOnlyList<DiagnosisKey> revisedKeys,
        ExportSigningKey signingKey,
        KeysOptions options,
        CancellationToken ct)
    {
        var diagnosisKeys = new List<DiagnosisKey>(Math.Max(keys.Count, options.MinimumBatchSize + options.PaddingJitter));
        diagnosisKeys.AddRange(keys);
        var padding = AddPadding(diagnosisKeys, windowEnd, options);

        var batches = ExportBatch.Split(options.Region, windowStart, windowEnd, diagnosisKeys, revisedKeys, options.MaxKeysPerFile);
        var files = new File[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            files[i] = new File(ExportLayout.FileOf(series, windowStart, windowEnd, batches[i].BatchNum), ExportFileWriter.WriteToArray(batches[i], [signingKey]));
        }
        return new Result(files, keys.Count, padding, revisedKeys.Count);
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
}
