namespace Gardefou.Protocol.Keys;

/// <summary>
/// The 4 bytes of encrypted metadata broadcast beside an identifier: AES-128-CTR(AEMK, counter = RPI, metadata).
/// Only a holder of the Temporary Exposure Key (so, after publication) can decrypt it.
/// </summary>
public readonly record struct AssociatedEncryptedMetadata(uint Value)
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 4;

    /// <summary>Reads 4 bytes (big-endian, the on-air order).</summary>
    public static AssociatedEncryptedMetadata FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"Encrypted metadata is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }
        return new(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    /// <summary>Parses 8 hexadecimal characters.</summary>
    public static AssociatedEncryptedMetadata FromHex(string hex) => FromBytes(Convert.FromHexString(hex));

    /// <summary>Writes the 4 bytes in on-air order.</summary>
    public void CopyTo(Span<byte> destination) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <summary>Lower-case hexadecimal.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public override string ToString() => ToHex();
}
