using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Gardefou.Protocol.Crypto;
using Gardefou.Protocol.Keys;

namespace Gardefou.Protocol.Matching;

public static partial class ExposureMatcher
{
    /// <summary>
    /// One key at a time: the managed HKDF with precomputed salt states, then the platform's AES over all the
    /// key's PaddedData blocks in one ECB call (a call into the native library costs about a microsecond, so one
    /// per key rather than one per block).
    /// </summary>
    private static void MatchPortable(ReadOnlySpan<MatchKey> keys, SightingIndex index, List<SightingMatch> destination)
    {
        const int Blocks = KeySchedule.IdentifiersPerKey;
        Span<byte> plain = stackalloc byte[Blocks * 16];
        Span<UInt128> rpis = stackalloc UInt128[Blocks];
        Span<byte> rpik = stackalloc byte[16];
        for (var i = 0; i < Blocks; i++)
        {
            KeySchedule.WritePaddedData(default, plain.Slice(i * 16, 16));
        }
        var words = MemoryMarshal.Cast<byte, uint>(plain);
        using var aes = Aes.Create();
        for (var k = 0; k < keys.Length; k++)
        {
            ref readonly var key = ref keys[k];
            if (IsOutOfRange(key))
            {
                continue;
            }
            var count = MatchWindow.MatchableIdentifiers(key.Validity);
            var start = key.Validity.RollingStart.Value;
            for (var i = 0; i < count; i++)
            {
                // PaddedData's interval is little-endian; on a big-endian machine the platform AES still sees bytes.
                words[(4 * i) + 3] = BitConverter.IsLittleEndian ? (uint)(start + i) : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)(start + i));
            }
            MemoryMarshal.Write(rpik, Sha256Scalar.DeriveRpik(key.Key.Value));
            aes.SetKey(rpik);
            aes.EncryptEcb(plain[..(count * 16)], MemoryMarshal.AsBytes(rpis[..count]), PaddingMode.None);
            long keyEnd = key.Validity.End.Value;
            for (var i = 0; i < count; i++)
            {
                var value = rpis[i];
                if (index.MayContain(unchecked((ulong)value)))
                {
                    Probe(index, k, keyEnd, (long)start + i, value, destination);
                }
            }
        }
        CryptographicOperations.ZeroMemory(rpik);
    }
}
