namespace Gardefou.Keys.Storage;

/// <summary>
/// A claimed export window of one series. The unique (series, window start) pair is what stops two
/// server instances that share a database from publishing the same batch twice.
/// </summary>
public sealed class ExportBatchRow
{
    public long Id { get; set; }

    /// <summary><c>period</c> (the configured export period) or <c>daily</c>.</summary>
    public string Series { get; set; } = "";

    public long WindowStart { get; set; }

    public long WindowEnd { get; set; }

    public int KeyCount { get; set; }

    public int RevisedKeyCount { get; set; }
}
