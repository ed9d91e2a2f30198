using Gardefou.Protocol.Keys;

namespace Gardefou.Device.Observations;

/// <summary>One scan instance: an identifier heard during one scan.</summary>
/// <param name="Rpi">The identifier heard.</param>
/// <param name="Aem">Its encrypted metadata (decryptable once the key is published).</param>
/// <param name="ScanTime">When the scan started (UTC).</param>
/// <param name="MaxRssiDbm">Strongest calibrated RSSI of the scan.</param>
/// <param name="MeanRssiDbm">Mean calibrated RSSI of the scan.</param>
/// <param name="SecondsSinceLastScan">Duration the scan stands for.</param>
public readonly record struct Observation(
    RollingProximityIdentifier Rpi,
    AssociatedEncryptedMetadata Aem,
    DateTimeOffset ScanTime,
    int MaxRssiDbm,
    int MeanRssiDbm,
    int SecondsSinceLastScan);
