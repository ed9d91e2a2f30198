using Gardefou.Protocol.Keys;

namespace Gardefou.Device.Radio;

/// <summary>One advertisement heard: the service data and the calibrated received signal strength.</summary>
/// <param name="Address">The sender's current random address (used only to group a scan; never stored).</param>
/// <param name="Rpi">The Rolling Proximity Identifier.</param>
/// <param name="Aem">The Associated Encrypted Metadata.</param>
/// <param name="RssiDbm">Calibrated received signal strength, in dBm.</param>
public readonly record struct RadioReception(RadioAddress Address, RollingProximityIdentifier Rpi, AssociatedEncryptedMetadata Aem, int RssiDbm);
