using System.Diagnostics.CodeAnalysis;

namespace Gardefou.Protocol.Keys;

/// <summary>
/// A Rolling Proximity Identifier: the 16 bytes a device broadcasts for one 10-minute interval,
/// AES-128(RPIK, PaddedData(interval)). Unlinkable to other identifiers without the key that made it.
/// </summary>
public readonly struct RollingProximityIdentifier : IEquatable<RollingProximityIdentifier>
{
    /// <summary>Size of an identifier in bytes.</summary>
    public const int Size = 16;

    private readonly UInt128 _bytes;

    internal RollingProximityIdentifier(UInt128 bytes) => _bytes = bytes;

    /// <summary>Wraps exactly 16 bytes.</summary>
    public static RollingProximityIdentifier FromBytes(ReadOnlySpan<byte> bytes) => new(Block128.Read(bytes));

    /// <summary>Parses 32 hexadecimal characters.</summary>
    public static RollingProximityIdentifier FromHex(string hex) => new(Block128.FromHex(hex));

    /// <summary>The identifier's bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => Block128.AsBytes(in _bytes);

    /// <summary>The 16 bytes as one value, for hashing and probe tables.</summary>
    internal UInt128 Value => _bytes;

    /// <summary>Copies the 16 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => Block128.CopyTo(in _bytes, destination);

    /// <summary>Lower-case hexadecimal.</summary>
    public string ToHex() => Block128.ToHex(in _bytes);

    public bool Equals(RollingProximityIdentifier other) => _bytes == other._bytes;

    public override bool Equals(object? obj) => obj is RollingProximityIdentifier other && Equals(other);

    public override int GetHashCode() => _bytes.GetHashCode();

    public override string ToString() => ToHex();

    public static bool operator ==(RollingProximityIdentifier left, RollingProximityIdentifier right) => left.Equals(right);

    public static bool operator !=(RollingProximityIdentifier left, RollingProximityIdentifier right) => !left.Equals(right);
}
