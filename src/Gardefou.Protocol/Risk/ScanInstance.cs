namespace Gardefou.Protocol.Risk;

/// <summary>
/// One Bluetooth scan (a few seconds) in which identifiers of a matched key were heard: the typical and the
/// minimum attenuation (transmit power minus RSSI, in dB) and the time since the previous scan, which is the
/// duration this scan stands for.
/// </summary>
public readonly record struct ScanInstance
{
    /// <summary>Largest attenuation GAEN reports.</summary>
    public const int MaxAttenuationDb = 255;

    /// <summary>Creates a scan instance; attenuations must be 0..255 with minimum ≤ typical, seconds 0..86400.</summary>
    public ScanInstance(int typicalAttenuationDb, int minAttenuationDb, int secondsSinceLastScan)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(typicalAttenuationDb);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(typicalAttenuationDb, MaxAttenuationDb);
        ArgumentOutOfRangeException.ThrowIfNegative(minAttenuationDb);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minAttenuationDb, typicalAttenuationDb);
        ArgumentOutOfRangeException.ThrowIfNegative(secondsSinceLastScan);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(secondsSinceLastScan, 86_400);
        TypicalAttenuationDb = typicalAttenuationDb;
        MinAttenuationDb = minAttenuationDb;
        SecondsSinceLastScan = secondsSinceLastScan;
    }

    /// <summary>Typical attenuation over the scan; this is what selects the bucket.</summary>
    public int TypicalAttenuationDb { get; }

    /// <summary>Minimum attenuation (closest moment) in the scan.</summary>
    public int MinAttenuationDb { get; }

    /// <summary>Seconds since the previous scan: the duration this scan accounts for.</summary>
    public int SecondsSinceLastScan { get; }
}
