using Gardefou.Device.Radio;
using Gardefou.Protocol.Keys;

namespace Gardefou.Device.Broadcast;

/// <summary>
/// What goes on the air during one rotation: a random radio address and the Exposure Notification service data
/// (identifier then encrypted metadata). Nothing else is advertised: no name, no model, no counter.
/// </summary>
public sealed record Advertisement(RadioAddress Address, RollingProximityIdentifier Rpi, AssociatedEncryptedMetadata Aem)
{
    /// <summary>The 16-bit service UUID of Exposure Notification.</summary>
    public const ushort ServiceUuid = 0xFD6F;

    /// <summary>
    /// The legacy advertising payload: Flags, Complete List of 16-bit Service UUIDs (0xFD6F), Service Data
    /// (0xFD6F, RPI, AEM), as in the Exposure Notification Bluetooth specification v1.2.
    /// </summary>
    public byte[] ToPayload()
    {
        var payload = new byte[3 + 4 + 24];
        payload[0] = 0x02; // length
        payload[1] = 0x01; // Flags
        payload[2] = 0x1A; // the flags value of the specification's example advertisement
        payload[3] = 0x03; // length
        payload[4] = 0x03; // Complete List of 16-bit Service UUIDs
        payload[5] = unchecked((byte)ServiceUuid);
        payload[6] = (byte)(ServiceUuid >> 8);
        payload[7] = 0x17; // length: type + UUID + 16 + 4
        payload[8] = 0x16; // Service Data - 16-bit UUID
        payload[9] = unchecked((byte)ServiceUuid);
        payload[10] = (byte)(ServiceUuid >> 8);
        Rpi.CopyTo(payload.AsSpan(11, RollingProximityIdentifier.Size));
        Aem.CopyTo(payload.AsSpan(27, AssociatedEncryptedMetadata.Size));
        return payload;
    }
}
