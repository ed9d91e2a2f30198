namespace Gardefou.Protocol.Export;

/// <summary>
/// The content of one export file (<c>export.bin</c>): keys first released in the window
/// [<see cref="StartTimestamp"/>, <see cref="EndTimestamp"/>) for a region, as file
/// <see cref="BatchNum"/> of <see cref="BatchSize"/>.
/// </summary>
/// <remarks>
/// <see cref="ExportFileWriter"/> sorts the keys by key bytes itself, so the order of <see cref="Keys"/> never
/// reaches the file; <see cref="SignatureInfos"/> is filled by the reader, the writer takes the infos of its
/// signing keys instead.
/// </remarks>
public sealed record ExportBatch
{
    /// <summary>Creates a batch; invalid numbering or a reversed window throws <see cref="ArgumentException"/>.</summary>
    public ExportBatch(
        string region,
        int batchNum,
        int batchSize,
        DateTimeOffset startTimestamp,
        DateTimeOffset endTimestamp,
        IReadOnlyList<DiagnosisKey> keys,
        IReadOnlyList<DiagnosisKey>? revisedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchNum, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, batchNum);
        ArgumentOutOfRangeException.ThrowIfLessThan(endTimestamp, startTimestamp);
        if (startTimestamp.ToUnixTimeSeconds() < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startTimestamp), "Timestamps start at the Unix epoch.");
        }
        Region = region;
        BatchNum = batchNum;
        BatchSize = batchSize;
        StartTimestamp = startTimestamp;
        EndTimestamp = endTimestamp;
        Keys = keys;
        RevisedKeys = revisedKeys ?? [];
    }

    /// <summary>Region code, e.g. "US" or an MCC.</summary>
    public string Region { get; }

    /// <summary>1-based number of this file within its batch.</summary>
    public int BatchNum { get; }

    /// <summary>Number of files in the batch.</summary>
    public int BatchSize { get; }

    /// <summary>Start of the window of server arrival (whole seconds, UTC).</summary>
    public DateTimeOffset StartTimestamp { get; }

    /// <summary>End of the window of server arrival (whole seconds, UTC).</summary>
    public DateTimeOffset EndTimestamp { get; }

    /// <summary>Keys released for the first time.</summary>
    public IReadOnlyList<DiagnosisKey> Keys { get; }

    /// <summary>Keys whose report type changed or that were revoked.</summary>
    public IReadOnlyList<DiagnosisKey> RevisedKeys { get; }

    /// <summary>The signature infos listed in the file (read side only).</summary>
    public IReadOnlyList<SignatureInfo> SignatureInfos { get; init; } = [];

    /// <summary>
    /// Splits keys of one export window into files of at most <paramref name="maxKeysPerFile"/> keys
    /// (first and revised keys together), numbered 1..n of n. An empty window still gives one file, so
    /// clients see that the window was exported.
    /// </summary>
    public static IReadOnlyList<ExportBatch> Split(
        string region,
        DateTimeOffset startTimestamp,
        DateTimeOffset endTimestamp,
        IReadOnlyList<DiagnosisKey> keys,
        IReadOnlyList<DiagnosisKey> revisedKeys,
        int maxKeysPerFile = ExportFileWriter.RecommendedMaxKeysPerFile)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(revisedKeys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeysPerFile, 1);
        var total = (long)keys.Count + revisedKeys.Count;
        var files = (int)Math.Max(1, (total + maxKeysPerFile - 1) / maxKeysPerFile);
        var batches = new ExportBatch[files];
        for (var i = 0; i < files; i++)
        {
            var from = (long)i * maxKeysPerFile;
            var to = Math.Min(total, from + maxKeysPerFile);
            batches[i] = new ExportBatch(
                region, i + 1, files, startTimestamp, endTimestamp,
                Slice(keys, from, to), Slice(revisedKeys, from - keys.Count, to - keys.Count));
        }
        return batches;
    }

    private static DiagnosisKey[] Slice(IReadOnlyList<DiagnosisKey> source, long from, long to)
    {
        var start = (int)Math.Clamp(from, 0, source.Count);
        var end = (int)Math.Clamp(to, 0, source.Count);
        var slice = new DiagnosisKey[end - start];
        for (var i = start; i < end; i++)
        {
            slice[i - start] = source[i];
        }
        return slice;
    }
}
