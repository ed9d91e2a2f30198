using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gardefou.Protocol.Crypto;

namespace Gardefou.Protocol.Matching;

public static partial class ExposureMatcher
{
    private static bool VectorizedSupported => Sha256x16.IsSupported && AesNi128.IsSupported;

    /// <summary>
    /// Sixteen keys at a time through the multi-lane HKDF, then per key: expand the AES key schedule and encrypt
    /// its PaddedData blocks eight at a time, testing each identifier against the index's bit filter as it comes
    /// out of the pipeline. Only the rare identifiers that pass the filter reach the exact table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatchVectorized(ReadOnlySpan<MatchKey> keys, SightingIndex index, List<SightingMatch> destination)
    {
        Span<UInt128> teks = stackalloc UInt128[Sha256x16.Lanes];
        Span<UInt128> rpiks = stackalloc UInt128[Sha256x16.Lanes];
        var roundKeys = default(AesRoundKeys);
        var blocks = default(AesBlocks8);
        ref var filter = ref MemoryMarshal.GetArrayDataReference(index.FilterWords);
        var seed = index.FilterSeed;
        var shift = index.FilterShift;

        for (var batch = 0; batch < keys.Length; batch += Sha256x16.Lanes)
        {
            var lanes = Math.Min(Sha256x16.Lanes, keys.Length - batch);
            teks.Clear();
            for (var l = 0; l < lanes; l++)
            {
                teks[l] = keys[batch + l].Key.Value;
            }
            Sha256x16.DeriveRpiks(teks, rpiks);

            for (var l = 0; l < lanes; l++)
            {
                var k = batch + l;
                ref readonly var key = ref keys[k];
                if (IsOutOfRange(key))
                {
                    continue;
                }
                var count = MatchWindow.MatchableIdentifiers(key.Validity);
                var start = key.Validity.RollingStart.Value;
                AesNi128.ExpandKey(rpiks[l], ref roundKeys);
                var counter = AesNi128.PaddedData((uint)start);
                for (var i = 0; i < count; i += 8)
                {
                    AesNi128.EncryptIntervals8(in roundKeys, ref counter, ref blocks);
                    for (var n = 0; n < 8; n++)
                    {
                        var rpi = blocks[n];
                        if (SightingIndex.FilterHit(ref filter, seed, shift, rpi.AsUInt64().ToScalar()) && i + n < count)
                        {
                            Probe(index, k, (long)start + key.Validity.RollingPeriod, (long)start + i + n, Unsafe.BitCast<Vector128<byte>, UInt128>(rpi), destination);
                        }
                    }
                }
            }
        }
    }
}
