using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gardefou.Protocol.Crypto;

/// <summary>
/// AES-128 on AES-NI for the identifiers of one key: the key schedule with <c>aesenclast</c>, and the
/// PaddedData blocks of consecutive intervals encrypted eight at a time so that the <c>aesenc</c> pipeline
/// (several cycles of latency, more than one per cycle of throughput) stays full.
/// </summary>
internal static class AesNi128
{
    /// <summary>Whether this processor runs it.</summary>
    public static bool IsSupported => Aes.IsSupported && Ssse3.IsSupported;

    /// <summary>PaddedData as four little-endian words: "EN-R", "PI\0\0", zeros, then the interval.</summary>
    private static Vector128<uint> PaddedPrefix => Vector128.Create(0x522D4E45u, 0x00004950u, 0u, 0u);

    /// <summary>Expands a 16-byte key (in memory order) into its round keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpandKey(UInt128 key, ref AesRoundKeys roundKeys)
    {
        var k = Unsafe.BitCast<UInt128, Vector128<byte>>(key);
        roundKeys[0] = k;
        roundKeys[1] = k = Step(k, 0x01);
        roundKeys[2] = k = Step(k, 0x02);
        roundKeys[3] = k = Step(k, 0x04);
        roundKeys[4] = k = Step(k, 0x08);
        roundKeys[5] = k = Step(k, 0x10);
        roundKeys[6] = k = Step(k, 0x20);
        roundKeys[7] = k = Step(k, 0x40);
        roundKeys[8] = k = Step(k, 0x80);
        roundKeys[9] = k = Step(k, 0x1B);
        roundKeys[10] = Step(k, 0x36);
    }

    /// <summary>The plaintext counter for <paramref name="interval"/>: PaddedData with the interval in its last word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> PaddedData(uint interval) => PaddedPrefix.WithElement(3, interval);

    /// <summary>
    /// Encrypts PaddedData of the eight intervals from <paramref name="counter"/>'s last word on into eight consecutive
    /// blocks at <paramref name="destination"/>, and advances the counter by eight. Only the last word changes between
    /// blocks, so the next plaintext is one vector add away; the rounds are unrolled so that each round key is a
    /// memory operand shared by the eight <c>aesenc</c>s.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EncryptIntervals8(ref readonly AesRoundKeys rk, ref Vector128<uint> counter, ref Vector128<byte> destination)
    {
        var one = Vector128.Create(0u, 0u, 0u, 1u);
        var c = counter;
        var k = rk[0];
        var b0 = c.AsByte() ^ k;
        var b1 = (c += one).AsByte() ^ k;
        var b2 = (c += one).AsByte() ^ k;
        var b3 = (c += one).AsByte() ^ k;
        var b4 = (c += one).AsByte() ^ k;
        var b5 = (c += one).AsByte() ^ k;
        var b6 = (c += one).AsByte() ^ k;
        var b7 = (c += one).AsByte() ^ k;
        counter = c + one;
        k = rk[1];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[2];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[3];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[4];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[5];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[6];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[7];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[8];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[9];
        b0 = Aes.Encrypt(b0, k);
        b1 = Aes.Encrypt(b1, k);
        b2 = Aes.Encrypt(b2, k);
        b3 = Aes.Encrypt(b3, k);
        b4 = Aes.Encrypt(b4, k);
        b5 = Aes.Encrypt(b5, k);
        b6 = Aes.Encrypt(b6, k);
        b7 = Aes.Encrypt(b7, k);
        k = rk[10];
        Unsafe.Add(ref destination, 0) = Aes.EncryptLast(b0, k);
        Unsafe.Add(ref destination, 1) = Aes.EncryptLast(b1, k);
        Unsafe.Add(ref destination, 2) = Aes.EncryptLast(b2, k);
        Unsafe.Add(ref destination, 3) = Aes.EncryptLast(b3, k);
        Unsafe.Add(ref destination, 4) = Aes.EncryptLast(b4, k);
        Unsafe.Add(ref destination, 5) = Aes.EncryptLast(b5, k);
        Unsafe.Add(ref destination, 6) = Aes.EncryptLast(b6, k);
        Unsafe.Add(ref destination, 7) = Aes.EncryptLast(b7, k);
    }

    /// <summary>Identifiers for the intervals from <paramref name="first"/> on, one per destination slot.</summary>
    public static void EncryptIntervals(UInt128 key, uint first, Span<UInt128> destination)
    {
        var rk = default(AesRoundKeys);
        ExpandKey(key, ref rk);
        var counter = PaddedData(first);
        var blocks = default(AesBlocks8);
        for (var i = 0; i < destination.Length; i += 8)
        {
            EncryptIntervals8(in rk, ref counter, ref blocks[0]);
            for (var n = 0; n < 8 && i + n < destination.Length; n++)
            {
                destination[i + n] = Unsafe.BitCast<Vector128<byte>, UInt128>(blocks[n]);
            }
        }
    }

    // One step of the AES-128 key schedule. SubWord(RotWord(w3)) ^ rcon comes from aesenclast of w3 rotated into
    // every column: with four equal columns ShiftRows changes nothing, so what remains is SubBytes and the XOR with
    // rcon. (aeskeygenassist computes the same, but is several times slower per instruction on recent cores.)
    // Then w[i] = w[i-4] ^ w[i-1] for the four words, folded with three 4-byte shifts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Step(Vector128<byte> key, byte rcon)
    {
        var rotated = Ssse3.Shuffle(key, Vector128.Create((byte)13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12, 13, 14, 15, 12));
        var t = Aes.EncryptLast(rotated, Vector128.Create((uint)rcon).AsByte());
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ t;
    }
}
