using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gardefou.Protocol.Crypto;

/// <summary>
/// A plain managed SHA-256 compression and the one HKDF the matcher needs, one key at a time: the portable path
/// for processors without AVX-512, and the source of the precomputed pad states.
/// </summary>
internal static class Sha256Scalar
{
    /// <summary>Compresses one block of sixteen big-endian words into <paramref name="state"/>.</summary>
    public static void Compress(Span<uint> state, ReadOnlySpan<uint> block)
    {
        Span<uint> w = stackalloc uint[64];
        block[..16].CopyTo(w);
        var k = Sha256Constants.K;
        unchecked
        {
            for (var i = 16; i < 64; i++)
            {
                var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
                var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }
            uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
            for (var i = 0; i < 64; i++)
            {
                var t1 = h + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + k[i] + w[i];
                var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22))
                    + ((a & b) ^ (a & c) ^ (b & c));
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
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
    }

    /// <summary>
    /// RPIK = HKDF-SHA256(IKM = <paramref name="tek"/>, salt = none, info = "EN-RPIK", 16 bytes), in six compressions:
    /// extract (inner and outer, from the precomputed zero-salt states) then one expand block (key pads, inner, outer).
    /// </summary>
    public static UInt128 DeriveRpik(UInt128 tek)
    {
        Span<uint> block = stackalloc uint[16];
        Span<uint> inner = stackalloc uint[8];
        Span<uint> prk = stackalloc uint[8];
        Span<byte> tekBytes = stackalloc byte[16];
        Unsafe.WriteUnaligned(ref tekBytes[0], tek);

        // Extract, inner: H(ipad-state || TEK), the message being 64 + 16 bytes long.
        Sha256Constants.s_zeroSaltInnerState.CopyTo(inner);
        block.Clear();
        for (var i = 0; i < 4; i++)
        {
            block[i] = BinaryPrimitives.ReadUInt32BigEndian(tekBytes[(4 * i)..]);
        }
        block[4] = 0x80000000;
        block[15] = (64 + 16) * 8;
        Compress(inner, block);

        // Extract, outer: PRK = H(opad-state || inner).
        Sha256Constants.s_zeroSaltOuterState.CopyTo(prk);
        FinishBlock(block, inner);
        Compress(prk, block);

        // Expand: T(1) = HMAC(PRK, "EN-RPIK" || 0x01), PRK being a 32-byte key padded to a block.
        Span<uint> keyInner = stackalloc uint[8];
        Span<uint> keyOuter = stackalloc uint[8];
        Sha256Constants.InitialState.CopyTo(keyInner);
        Sha256Constants.InitialState.CopyTo(keyOuter);
        for (var i = 0; i < 16; i++)
        {
            block[i] = (i < 8 ? prk[i] : 0) ^ Sha256Constants.InnerPad;
        }
        Compress(keyInner, block);
        for (var i = 0; i < 16; i++)
        {
            block[i] = (i < 8 ? prk[i] : 0) ^ Sha256Constants.OuterPad;
        }
        Compress(keyOuter, block);

        block.Clear();
        block[0] = Sha256Constants.RpikInfo0;
        block[1] = Sha256Constants.RpikInfo1;
        block[2] = 0x80000000;
        block[15] = (64 + 8) * 8;
        Compress(keyInner, block);
        FinishBlock(block, keyInner);
        Compress(keyOuter, block);

        Span<byte> rpik = stackalloc byte[16];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(rpik[(4 * i)..], keyOuter[i]);
        }
        return Unsafe.ReadUnaligned<UInt128>(ref rpik[0]);
    }

    /// <summary>The last block of an outer HMAC hash: a 32-byte digest after a 64-byte key block.</summary>
    private static void FinishBlock(Span<uint> block, ReadOnlySpan<uint> digest)
    {
        block.Clear();
        digest.CopyTo(block);
        block[8] = 0x80000000;
        block[15] = (64 + 32) * 8;
    }
}
