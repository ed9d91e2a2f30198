namespace Gardefou.Device.Storage;

/// <summary>One of this phone's own Temporary Exposure Keys and its validity window.</summary>
internal sealed class KeyRecord
{
    public int Id { get; set; }

    public byte[] KeyData { get; set; } = [];

    /// <summary>EN interval number of the first interval the key is used.</summary>
    public int RollingStart { get; set; }

    /// <summary>Number of intervals the key is used (1 to 144).</summary>
    public int RollingPeriod { get; set; }

    /// <summary>Whether the key was handed out in an upload (then it is never used again for broadcasting).</summary>
    public bool Released { get; set; }
}
