using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Gardefou.Protocol.Keys;

/// <summary>
/// A Temporary Exposure Key: 16 random bytes a device uses for one key validity window (normally one UTC day).
/// Publishing it after a positive test lets other devices recompute every identifier it broadcast.
/// </summary>
/// <remarks><see cref="ToString"/> deliberately hides the key so that it cannot leak into logs.</remarks>
public readonly struct TemporaryExposureKey : IEquatable<TemporaryExposureKey>
{
    /// <summary>Size of a key in bytes.</summary>
    public const int Size = 16;

    private readonly UInt128 _bytes;

    private TemporaryExposureKey(UInt128 bytes) => _bytes = bytes;

    /// <summary>A fresh key from the operating system's CSPRNG.</summary>
    public static TemporaryExposureKey Generate()
    {
        Span<byte> buffer = stackalloc byte[Size];
        RandomNumberGenerator.Fill(buffer);
        var key = new TemporaryExposureKey(Block128.Read(buffer));
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }

    /// <summary>Wraps exactly 16 bytes; any other length is rejected.</summary>
    public static TemporaryExposureKey FromBytes(ReadOnlySpan<byte> bytes) => new(Block128.Read(bytes));

    /// <summary>Parses 32 hexadecimal characters.</summary>
    public static TemporaryExposureKey FromHex(string hex) => new(Block128.FromHex(hex));

    /// <summary>Parses standard base64 that decodes to exactly 16 bytes.</summary>
    public static bool TryFromBase64([NotNullWhen(true)] string? base64, out TemporaryExposureKey key)
    {
        var ok = Block128.TryFromBase64(base64, out var bytes);
        key = new TemporaryExposureKey(bytes);
        return ok;
    }

    /// <summary>The key's bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => Block128.AsBytes(in _bytes);

    /// <summary>The 16 bytes as one value, for the batched key schedule of the matcher.</summary>
    internal UInt128 Value => _bytes;

    /// <summary>Copies the 16 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => Block128.CopyTo(in _bytes, destination);

    /// <summary>A new array with the key's bytes.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Standard padded base64, the form used by the publish API and the verification HMAC.</summary>
    public string ToBase64() => Block128.ToBase64(in _bytes);

    /// <summary>Lower-case hexadecimal.</summary>
    public string ToHex() => Block128.ToHex(in _bytes);

    public bool Equals(TemporaryExposureKey other) => _bytes == other._bytes;

    public override bool Equals(object? obj) => obj is TemporaryExposureKey other && Equals(other);

    public override int GetHashCode() => _bytes.GetHashCode();

    public override string ToString() => "TemporaryExposureKey(redacted)";

    public static bool operator ==(TemporaryExposureKey left, TemporaryExposureKey right) => left.Equals(right);

    public static bool operator !=(TemporaryExposureKey left, TemporaryExposureKey right) => !left.Equals(right);
}
