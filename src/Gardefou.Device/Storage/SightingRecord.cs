namespace Gardefou.Device.Storage;

/// <summary>
/// One identifier heard during one scan, aggregated over the advertisements of that scan (a GAEN scan instance).
/// Signal strengths are calibrated RSSI values; the attenuation is computed once the key is published and the
/// encrypted metadata (which holds the sender's transmit power) can be decrypted.
/// </summary>
/// <remarks>A row of the <c>sightings</c> table as written (its <c>Id</c> is SQLite's); read back by <c>SightingRows</c>.</remarks>
internal sealed class SightingRecord
{
    public byte[] Rpi { get; set; } = [];

    public byte[] Aem { get; set; } = [];

    /// <summary>Start of the scan, Unix seconds (UTC).</summary>
    public long ScanTime { get; set; }

    /// <summary>Strongest calibrated RSSI of the scan (dBm), giving the minimum attenuation.</summary>
    public int MaxRssi { get; set; }

    /// <summary>Mean calibrated RSSI of the scan (dBm), giving the typical attenuation.</summary>
    public int MeanRssi { get; set; }

    /// <summary>Seconds since the previous scan, the duration this scan stands for.</summary>
    public int SecondsSinceLastScan { get; set; }
}
