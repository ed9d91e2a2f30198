namespace Gardefou.Keys.Storage;

/// <summary>One export zip of a batch (a batch over 500,000 keys has several), listed in the series' index.</summary>
public sealed class ExportFileRow
{
    public long Id { get; set; }

    public long BatchId { get; set; }

    public string Series { get; set; } = "";

    /// <summary>Path relative to the export directory, e.g. <c>period/1764345600-1764349200-1.zip</c>.</summary>
    public string Path { get; set; } = "";

    public long WindowEnd { get; set; }

    public int KeyCount { get; set; }
}
