using System.Buffers.Binary;

namespace Gardefou.Protocol.Keys;

/// <summary>
/// The 4 bytes of metadata encrypted into the Associated Encrypted Metadata: byte 0 is the version
/// (bits 7..6 major, 5..4 minor, 3..2 transmit-power calibration confidence), byte 1 the transmit power in dBm
/// as a signed byte, bytes 2..3 reserved (zero).
/// </summary>
public readonly record struct BluetoothMetadata(byte VersionByte, sbyte TransmitPowerDbm, ushort Reserved = 0)
{
    /// <summary>Size of the metadata in bytes.</summary>
    public const int Size = 4;

    /// <summary>Version 1.0 metadata (0x40) with the given transmit power.</summary>
    public static BluetoothMetadata Version10(sbyte transmitPowerDbm) => new(0x40, transmitPowerDbm);

    /// <summary>Major version (bits 7..6 of the version byte).</summary>
    public int MajorVersion => VersionByte >> 6;

    /// <summary>Minor version (bits 5..4 of the version byte).</summary>
    public int MinorVersion => (VersionByte >> 4) & 0b11;

    /// <summary>Reads 4 bytes.</summary>
    public static BluetoothMetadata FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"Metadata is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }
        return new BluetoothMetadata(bytes[0], unchecked((sbyte)bytes[1]), BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]));
    }

    /// <summary>Writes the 4 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        destination[0] = VersionByte;
        destination[1] = unchecked((byte)TransmitPowerDbm);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Reserved);
    }

    /// <summary>The 4 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }
}
