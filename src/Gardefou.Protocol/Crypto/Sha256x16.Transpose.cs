using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gardefou.Protocol.Crypto;

internal static partial class Sha256x16
{
    /// <summary>Reverses the bytes of each 32-bit word (within each 128-bit lane, as vpshufb works).</summary>
    private static Vector512<byte> ByteSwapMask => Vector512.Create(
        (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    /// <summary>
    /// Words 0..3 of the block from sixteen 16-byte keys: word w of lane l is bytes [4w, 4w+4) of key l, big-endian.
    /// Four loads, four byte swaps and a 16×4 transpose in permutes, instead of 64 scalar reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LoadKeys(ReadOnlySpan<UInt128> keys, ref Lanes16 block)
    {
        ref var words = ref Unsafe.As<UInt128, uint>(ref MemoryMarshal.GetReference(keys[..Lanes]));
        var swap = ByteSwapMask;
        var z0 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref words, 0).AsByte(), swap).AsUInt32();
        var z1 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref words, 16).AsByte(), swap).AsUInt32();
        var z2 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref words, 32).AsByte(), swap).AsUInt32();
        var z3 = Avx512BW.Shuffle(Vector512.LoadUnsafe(ref words, 48).AsByte(), swap).AsUInt32();
        // Words 0 and 1 (then 2 and 3) of keys 0..7, and of keys 8..15.
        var w01 = Vector512.Create(0u, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
        var w23 = Vector512.Create(2u, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
        var a01 = Avx512F.PermuteVar16x32x2(z0, w01, z1).AsUInt64();
        var b01 = Avx512F.PermuteVar16x32x2(z2, w01, z3).AsUInt64();
        var a23 = Avx512F.PermuteVar16x32x2(z0, w23, z1).AsUInt64();
        var b23 = Avx512F.PermuteVar16x32x2(z2, w23, z3).AsUInt64();
        var lowHalves = Vector512.Create(0ul, 1, 2, 3, 8, 9, 10, 11);
        var highHalves = Vector512.Create(4ul, 5, 6, 7, 12, 13, 14, 15);
        block[0] = Avx512F.PermuteVar8x64x2(a01, lowHalves, b01).AsUInt32();
        block[1] = Avx512F.PermuteVar8x64x2(a01, highHalves, b01).AsUInt32();
        block[2] = Avx512F.PermuteVar8x64x2(a23, lowHalves, b23).AsUInt32();
        block[3] = Avx512F.PermuteVar8x64x2(a23, highHalves, b23).AsUInt32();
    }

    /// <summary>The inverse of <see cref="LoadKeys"/> for the first four words of a digest: sixteen 16-byte keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreKeys(ref Lanes8 digest, Span<UInt128> keys)
    {
        ref var words = ref Unsafe.As<UInt128, uint>(ref MemoryMarshal.GetReference(keys[..Lanes]));
        // Pairs (word 0, word 1) and (word 2, word 3) of lanes 0..7, then of lanes 8..15.
        var first = Vector512.Create(0u, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        var second = Vector512.Create(8u, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        var a = Avx512F.PermuteVar16x32x2(digest[0], first, digest[1]).AsUInt64();
        var b = Avx512F.PermuteVar16x32x2(digest[2], first, digest[3]).AsUInt64();
        var c = Avx512F.PermuteVar16x32x2(digest[0], second, digest[1]).AsUInt64();
        var d = Avx512F.PermuteVar16x32x2(digest[2], second, digest[3]).AsUInt64();
        var lanes0 = Vector512.Create(0ul, 8, 1, 9, 2, 10, 3, 11);
        var lanes4 = Vector512.Create(4ul, 12, 5, 13, 6, 14, 7, 15);
        var swap = ByteSwapMask;
        Avx512BW.Shuffle(Avx512F.PermuteVar8x64x2(a, lanes0, b).AsByte(), swap).AsUInt32().StoreUnsafe(ref words, 0);
        Avx512BW.Shuffle(Avx512F.PermuteVar8x64x2(a, lanes4, b).AsByte(), swap).AsUInt32().StoreUnsafe(ref words, 16);
        Avx512BW.Shuffle(Avx512F.PermuteVar8x64x2(c, lanes0, d).AsByte(), swap).AsUInt32().StoreUnsafe(ref words, 32);
        Avx512BW.Shuffle(Avx512F.PermuteVar8x64x2(c, lanes4, d).AsByte(), swap).AsUInt32().StoreUnsafe(ref words, 48);
    }
}
