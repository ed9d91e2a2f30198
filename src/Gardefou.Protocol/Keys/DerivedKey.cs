using System.Diagnostics.CodeAnalysis;

namespace Gardefou.Protocol.Keys;

/// <summary>
/// A 16-byte key derived from a Temporary Exposure Key by HKDF-SHA256: the Rolling Proximity Identifier Key
/// (info <c>EN-RPIK</c>) or the Associated Encrypted Metadata Key (info <c>EN-AEMK</c>).
/// </summary>
public readonly struct DerivedKey : IEquatable<DerivedKey>
{
    /// <summary>Size of a derived key in bytes.</summary>
    public const int Size = 16;

    private readonly UInt128 _bytes;

    internal DerivedKey(UInt128 bytes) => _bytes = bytes;

    /// <summary>Wraps exactly 16 bytes.</summary>
    public static DerivedKey FromBytes(ReadOnlySpan<byte> bytes) => new(Block128.Read(bytes));

    /// <summary>The key's bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => Block128.AsBytes(in _bytes);

    /// <summary>Lower-case hexadecimal.</summary>
    public string ToHex() => Block128.ToHex(in _bytes);

    public bool Equals(DerivedKey other) => _bytes == other._bytes;

    public override bool Equals(object? obj) => obj is DerivedKey other && Equals(other);

    public override int GetHashCode() => _bytes.GetHashCode();

    public override string ToString() => "DerivedKey(redacted)";

    public static bool operator ==(DerivedKey left, DerivedKey right) => left.Equals(right);

    public static bool operator !=(DerivedKey left, DerivedKey right) => !left.Equals(right);
}
