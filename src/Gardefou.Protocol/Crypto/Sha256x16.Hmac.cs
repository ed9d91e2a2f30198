using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gardefou.Protocol.Crypto;

internal static partial class Sha256x16
{
    /// <summary>
    /// RPIK = HKDF-SHA256(TEK, no salt, "EN-RPIK", 16) for sixteen keys: extract from the precomputed zero-salt
    /// HMAC states (two compressions), then one expand block under the PRK (four compressions).
    /// </summary>
    /// <param name="teks">Sixteen keys, each 16 bytes in memory order.</param>
    /// <param name="rpiks">Receives sixteen derived keys, in memory order.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DeriveRpiks(ReadOnlySpan<UInt128> teks, Span<UInt128> rpiks)
    {
        var block = default(Lanes16);
        LoadKeys(teks, ref block);
        block[4] = Vector512.Create(0x80000000u);
        block[15] = Vector512.Create((64u + 16) * 8);

        var inner = Broadcast(Sha256Constants.s_zeroSaltInnerState);
        var outer = Broadcast(Sha256Constants.s_zeroSaltOuterState);
        var prk = default(Lanes8);
        Mac(ref inner, ref outer, ref block, ref prk);

        // HKDF-Expand, first and only block: HMAC(PRK, "EN-RPIK" || 0x01).
        KeyPadStates(ref prk, ref inner, ref outer);
        block = default;
        block[0] = Vector512.Create(Sha256Constants.RpikInfo0);
        block[1] = Vector512.Create(Sha256Constants.RpikInfo1);
        block[2] = Vector512.Create(0x80000000u);
        block[15] = Vector512.Create((64u + 8) * 8);
        var okm = default(Lanes8);
        Mac(ref inner, ref outer, ref block, ref okm);

        StoreKeys(ref okm, rpiks);
    }

    /// <summary>
    /// HMAC-SHA256 under sixteen 32-byte keys of sixteen messages of one length (at most 55 bytes, one block after
    /// the key block). The building blocks are those <see cref="DeriveRpiks"/> runs; this form exists to cross-check them.
    /// </summary>
    public static void Mac32(ReadOnlySpan<byte> keys, ReadOnlySpan<byte> messages, int messageLength, Span<byte> macs)
    {
        if (messageLength > 55)
        {
            throw new ArgumentOutOfRangeException(nameof(messageLength), "One block holds at most 55 message bytes.");
        }
        var key = default(Lanes8);
        var keyBlock = default(Lanes16);
        LoadBigEndian(keys, 32, 8, ref keyBlock);
        for (var i = 0; i < 8; i++)
        {
            key[i] = keyBlock[i];
        }
        var inner = default(Lanes8);
        var outer = default(Lanes8);
        KeyPadStates(ref key, ref inner, ref outer);
        var block = default(Lanes16);
        PadSingleBlock(messages, messageLength, 64, ref block);
        var mac = default(Lanes8);
        Mac(ref inner, ref outer, ref block, ref mac);
        StoreBigEndian(ref mac, 8, macs, 32);
    }

    /// <summary>SHA-256 of sixteen messages of one length, for cross-checks of <see cref="Compress"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> messages, int messageLength, Span<byte> digests)
    {
        var padded = (messageLength + 9 + 63) / 64 * 64;
        var buffer = new byte[padded];
        var lanes = new byte[Lanes * padded];
        for (var l = 0; l < Lanes; l++)
        {
            Array.Clear(buffer);
            messages.Slice(l * messageLength, messageLength).CopyTo(buffer);
            buffer[messageLength] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(padded - 8), (ulong)messageLength * 8);
            buffer.CopyTo(lanes.AsSpan(l * padded));
        }
        var state = Broadcast(Sha256Constants.InitialState);
        var block = default(Lanes16);
        for (var offset = 0; offset < padded; offset += 64)
        {
            LoadBigEndian(lanes.AsSpan(offset), padded, 16, ref block);
            Compress(ref state, in block);
        }
        StoreBigEndian(ref state, 8, digests, 32);
    }

    /// <summary>The inner and outer states of HMAC under a 32-byte key (zero-padded to a block, XORed with the pads).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KeyPadStates(ref Lanes8 key, ref Lanes8 inner, ref Lanes8 outer)
    {
        var block = default(Lanes16);
        inner = Broadcast(Sha256Constants.InitialState);
        outer = inner;
        var ipad = Vector512.Create(Sha256Constants.InnerPad);
        var opad = Vector512.Create(Sha256Constants.OuterPad);
        for (var i = 0; i < 16; i++)
        {
            block[i] = i < 8 ? key[i] ^ ipad : ipad;
        }
        Compress(ref inner, in block);
        for (var i = 0; i < 16; i++)
        {
            block[i] = i < 8 ? key[i] ^ opad : opad;
        }
        Compress(ref outer, in block);
    }

    /// <summary>Finishes HMAC from its pad states: inner hash over <paramref name="lastInnerBlock"/>, then the outer hash of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Mac(ref Lanes8 innerState, ref Lanes8 outerState, ref Lanes16 lastInnerBlock, ref Lanes8 mac)
    {
        var inner = innerState;
        Compress(ref inner, in lastInnerBlock);
        var block = default(Lanes16);
        DigestBlock(ref inner, ref block);
        mac = outerState;
        Compress(ref mac, in block);
    }

    /// <summary>The last block of an outer HMAC hash: a 32-byte digest after the 64-byte key block, padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DigestBlock(ref Lanes8 digest, ref Lanes16 block)
    {
        for (var i = 0; i < 8; i++)
        {
            block[i] = digest[i];
        }
        block[8] = Vector512.Create(0x80000000u);
        for (var i = 9; i < 15; i++)
        {
            block[i] = default;
        }
        block[15] = Vector512.Create((64u + 32) * 8);
    }

    private static void PadSingleBlock(ReadOnlySpan<byte> messages, int length, int prefixLength, ref Lanes16 block)
    {
        Span<byte> one = stackalloc byte[64];
        Span<byte> all = stackalloc byte[Lanes * 64];
        for (var l = 0; l < Lanes; l++)
        {
            one.Clear();
            messages.Slice(l * length, length).CopyTo(one);
            one[length] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(one[56..], (ulong)(prefixLength + length) * 8);
            one.CopyTo(all[(l * 64)..]);
        }
        LoadBigEndian(all, 64, 16, ref block);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Lanes8 Broadcast(ReadOnlySpan<uint> words)
    {
        var lanes = default(Lanes8);
        for (var i = 0; i < 8; i++)
        {
            lanes[i] = Vector512.Create(words[i]);
        }
        return lanes;
    }

    /// <summary>Word i of lane l ← big-endian bytes [4i, 4i+4) of the record at l * stride, for i below <paramref name="words"/>.</summary>
    internal static void LoadBigEndian(ReadOnlySpan<byte> source, int stride, int words, ref Lanes16 block)
    {
        Span<uint> column = stackalloc uint[Lanes];
        for (var i = 0; i < words; i++)
        {
            for (var l = 0; l < Lanes; l++)
            {
                column[l] = BinaryPrimitives.ReadUInt32BigEndian(source.Slice((l * stride) + (4 * i), 4));
            }
            block[i] = Vector512.Create<uint>(column);
        }
    }

    internal static void StoreBigEndian(ref Lanes8 state, int words, Span<byte> destination, int stride)
    {
        Span<uint> column = stackalloc uint[Lanes];
        for (var i = 0; i < words; i++)
        {
            state[i].CopyTo(column);
            for (var l = 0; l < Lanes; l++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(destination.Slice((l * stride) + (4 * i), 4), column[l]);
            }
        }
    }
}
