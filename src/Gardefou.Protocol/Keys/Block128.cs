using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gardefou.Protocol.Keys;

/// <summary>
/// Sixteen opaque bytes held in memory order inside a <see cref="UInt128"/>, so that the value types built on it
/// compare and hash as one machine value and never allocate. The numeric value is meaningless; only bytes matter.
/// </summary>
internal static class Block128
{
    public const int Size = 16;

    public static UInt128 Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"Expected exactly {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }
        return MemoryMarshal.Read<UInt128>(bytes);
    }

    public static ReadOnlySpan<byte> AsBytes(ref readonly UInt128 value) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<UInt128>(in value));

    public static UInt128 FromHex(string hex) => Read(Convert.FromHexString(hex));

    public static string ToHex(in UInt128 value) => Convert.ToHexStringLower(AsBytes(in value));

    public static string ToBase64(in UInt128 value) => Convert.ToBase64String(AsBytes(in value));

    public static bool TryFromBase64(string? text, out UInt128 value)
    {
        value = default;
        if (text is null || text.Length > 32)
        {
            return false;
        }
        Span<byte> buffer = stackalloc byte[24];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != Size)
        {
            return false;
        }
        value = MemoryMarshal.Read<UInt128>(buffer);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyTo(in UInt128 value, Span<byte> destination) => AsBytes(in value).CopyTo(destination);
}
