using System.Runtime.InteropServices;

namespace Gardefou.Protocol.Tests.Crypto;

internal static class BytesExtensions
{
    /// <summary>Sixteen bytes as the memory-order <see cref="UInt128"/> the crypto code works on.</summary>
    public static UInt128 ToUInt128(this ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<UInt128>(bytes);
}
