using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gardefou.Protocol.Crypto;

/// <summary>
/// SHA-256 over sixteen independent messages at once, one per 32-bit lane of AVX-512 registers (word i of every
/// lane's block in one <see cref="Vector512{T}"/>). Rotations are single <c>vprord</c>s and the three-input
/// functions (Ch, Maj, the XOR of the Sigmas) single <c>vpternlogd</c>s, so a round is about seventeen instructions
/// for sixteen messages.
/// </summary>
internal static partial class Sha256x16
{
    /// <summary>Lanes processed at once.</summary>
    public const int Lanes = 16;

    /// <summary>Whether this processor runs it.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Compresses one block per lane into <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compress(ref Lanes8 state, ref readonly Lanes16 block)
    {
        var a = state[0];
        var b = state[1];
        var c = state[2];
        var d = state[3];
        var e = state[4];
        var f = state[5];
        var g = state[6];
        var h = state[7];
        var w0 = block[0];
        var w1 = block[1];
        var w2 = block[2];
        var w3 = block[3];
        var w4 = block[4];
        var w5 = block[5];
        var w6 = block[6];
        var w7 = block[7];
        var w8 = block[8];
        var w9 = block[9];
        var w10 = block[10];
        var w11 = block[11];
        var w12 = block[12];
        var w13 = block[13];
        var w14 = block[14];
        var w15 = block[15];
        var k = Sha256Constants.K;
        for (var r = 0; r < 64; r += 16)
        {
            if (r != 0)
            {
                w0 += Sigma1(w14) + w9 + Sigma0(w1);
                w1 += Sigma1(w15) + w10 + Sigma0(w2);
                w2 += Sigma1(w0) + w11 + Sigma0(w3);
                w3 += Sigma1(w1) + w12 + Sigma0(w4);
                w4 += Sigma1(w2) + w13 + Sigma0(w5);
                w5 += Sigma1(w3) + w14 + Sigma0(w6);
                w6 += Sigma1(w4) + w15 + Sigma0(w7);
                w7 += Sigma1(w5) + w0 + Sigma0(w8);
                w8 += Sigma1(w6) + w1 + Sigma0(w9);
                w9 += Sigma1(w7) + w2 + Sigma0(w10);
                w10 += Sigma1(w8) + w3 + Sigma0(w11);
                w11 += Sigma1(w9) + w4 + Sigma0(w12);
                w12 += Sigma1(w10) + w5 + Sigma0(w13);
                w13 += Sigma1(w11) + w6 + Sigma0(w14);
                w14 += Sigma1(w12) + w7 + Sigma0(w15);
                w15 += Sigma1(w13) + w8 + Sigma0(w0);
            }
            Round(a, b, c, ref d, e, f, g, ref h, Vector512.Create(k[r + 0]) + w0);
            Round(h, a, b, ref c, d, e, f, ref g, Vector512.Create(k[r + 1]) + w1);
            Round(g, h, a, ref b, c, d, e, ref f, Vector512.Create(k[r + 2]) + w2);
            Round(f, g, h, ref a, b, c, d, ref e, Vector512.Create(k[r + 3]) + w3);
            Round(e, f, g, ref h, a, b, c, ref d, Vector512.Create(k[r + 4]) + w4);
            Round(d, e, f, ref g, h, a, b, ref c, Vector512.Create(k[r + 5]) + w5);
            Round(c, d, e, ref f, g, h, a, ref b, Vector512.Create(k[r + 6]) + w6);
            Round(b, c, d, ref e, f, g, h, ref a, Vector512.Create(k[r + 7]) + w7);
            Round(a, b, c, ref d, e, f, g, ref h, Vector512.Create(k[r + 8]) + w8);
            Round(h, a, b, ref c, d, e, f, ref g, Vector512.Create(k[r + 9]) + w9);
            Round(g, h, a, ref b, c, d, e, ref f, Vector512.Create(k[r + 10]) + w10);
            Round(f, g, h, ref a, b, c, d, ref e, Vector512.Create(k[r + 11]) + w11);
            Round(e, f, g, ref h, a, b, c, ref d, Vector512.Create(k[r + 12]) + w12);
            Round(d, e, f, ref g, h, a, b, ref c, Vector512.Create(k[r + 13]) + w13);
            Round(c, d, e, ref f, g, h, a, ref b, Vector512.Create(k[r + 14]) + w14);
            Round(b, c, d, ref e, f, g, h, ref a, Vector512.Create(k[r + 15]) + w15);
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Round(
        Vector512<uint> a, Vector512<uint> b, Vector512<uint> c, ref Vector512<uint> d,
        Vector512<uint> e, Vector512<uint> f, Vector512<uint> g, ref Vector512<uint> h, Vector512<uint> kw)
    {
        // 0x96 = x ^ y ^ z, 0xCA = x ? y : z (Ch), 0xE8 = majority (Maj).
        var t1 = h + Avx512F.TernaryLogic(Avx512F.RotateRight(e, 6), Avx512F.RotateRight(e, 11), Avx512F.RotateRight(e, 25), 0x96)
            + Avx512F.TernaryLogic(e, f, g, 0xCA) + kw;
        var t2 = Avx512F.TernaryLogic(Avx512F.RotateRight(a, 2), Avx512F.RotateRight(a, 13), Avx512F.RotateRight(a, 22), 0x96)
            + Avx512F.TernaryLogic(a, b, c, 0xE8);
        d += t1;
        h = t1 + t2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<uint> Sigma0(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 7), Avx512F.RotateRight(x, 18), Avx512F.ShiftRightLogical(x, 3), 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<uint> Sigma1(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 17), Avx512F.RotateRight(x, 19), Avx512F.ShiftRightLogical(x, 10), 0x96);
}
