using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gardefou.Protocol.Crypto;

/// <summary>
/// The sixteen-lane RPIK derivation of <see cref="Sha256x16.DeriveRpiks"/> cut into 96 small steps of four SHA-256
/// rounds, so that the matcher can slip them between its AES groups. AES-NI keeps two execution ports busy and
/// the 512-bit SHA-256 arithmetic mostly a third, so interleaved, the next batch's key derivation costs little time
/// beside the current batch's identifiers.
/// </summary>
/// <remarks>
/// The six compressions, as in <see cref="Sha256x16.DeriveRpiks"/>: 0 extract-inner (from the zero-salt ipad state,
/// over the TEK), 1 extract-outer (PRK), 2 and 3 the PRK's ipad and opad blocks from the initial value,
/// 4 expand-inner (over "EN-RPIK" 0x01), 5 expand-outer (the RPIK in its first four words).
/// </remarks>
internal struct RpikPipeline
{
    /// <summary>Steps in a whole derivation: six compressions of sixteen four-round steps.</summary>
    public const int Steps = 6 * 16;

    private Lanes8 _state;
    private Lanes8 _chain;
    private Lanes8 _carry;
    private Lanes8 _carry2;
    private Lanes16 _w;
    private int _step;

    /// <summary>Whether the RPIKs are ready.</summary>
    public readonly bool IsDone => _step == Steps;

    /// <summary>Begins deriving the RPIKs of sixteen keys (in memory order).</summary>
    public void Start(ReadOnlySpan<UInt128> teks)
    {
        _w = default;
        Sha256x16.LoadBigEndian(MemoryMarshal.AsBytes(teks), 16, 4, ref _w);
        _w[4] = Vector512.Create(0x80000000u);
        _w[15] = Vector512.Create((64u + 16) * 8);
        _chain = Sha256x16.Broadcast(Sha256Constants.s_zeroSaltInnerState);
        _state = _chain;
        _step = 0;
    }

    /// <summary>The sixteen RPIKs, in memory order, once <see cref="IsDone"/>.</summary>
    public void CopyRpiks(Span<UInt128> rpiks) => Sha256x16.StoreBigEndian(ref _carry, 4, MemoryMarshal.AsBytes(rpiks), 16);

    /// <summary>Runs the next four rounds (and, at a compression's edges, its feed-forward and the next block's setup).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public void Step()
    {
        var round = (_step & 15) * 4;
        var a = _state[0];
        var b = _state[1];
        var c = _state[2];
        var d = _state[3];
        var e = _state[4];
        var f = _state[5];
        var g = _state[6];
        var h = _state[7];
        var k = Sha256Constants.K;
        Sha256x16.Round(a, b, c, ref d, e, f, g, ref h, Vector512.Create(k[round]) + Word(round));
        Sha256x16.Round(h, a, b, ref c, d, e, f, ref g, Vector512.Create(k[round + 1]) + Word(round + 1));
        Sha256x16.Round(g, h, a, ref b, c, d, e, ref f, Vector512.Create(k[round + 2]) + Word(round + 2));
        Sha256x16.Round(f, g, h, ref a, b, c, d, ref e, Vector512.Create(k[round + 3]) + Word(round + 3));
        _state[0] = e;
        _state[1] = f;
        _state[2] = g;
        _state[3] = h;
        _state[4] = a;
        _state[5] = b;
        _state[6] = c;
        _state[7] = d;
        _step++;
        if ((_step & 15) == 0)
        {
            FinishCompression(_step / 16);
        }
    }

    /// <summary>Message word <paramref name="round"/>: a block word, or one more word of the schedule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<uint> Word(int round)
    {
        ref var w = ref _w[round & 15];
        if (round >= 16)
        {
            w += Sha256x16.Sigma1(_w[(round - 2) & 15]) + _w[(round - 7) & 15] + Sha256x16.Sigma0(_w[(round - 15) & 15]);
        }
        return w;
    }

    private void FinishCompression(int next)
    {
        for (var i = 0; i < 8; i++)
        {
            _state[i] += _chain[i];
        }
        switch (next)
        {
            case 1: // extract-outer over the inner hash
                _carry = _state;
                Sha256x16.DigestBlock(ref _carry, ref _w);
                _chain = Sha256x16.Broadcast(Sha256Constants.s_zeroSaltOuterState);
                break;
            case 2: // HMAC key block PRK ^ ipad
                _carry = _state;
                KeyBlock(Sha256Constants.InnerPad);
                break;
            case 3: // HMAC key block PRK ^ opad
                _carry2 = _state;
                KeyBlock(Sha256Constants.OuterPad);
                break;
            case 4: // expand-inner over "EN-RPIK" 0x01, from the ipad state
                _chain = _carry2;
                _carry2 = _state;
                _w = default;
                _w[0] = Vector512.Create(Sha256Constants.RpikInfo0);
                _w[1] = Vector512.Create(Sha256Constants.RpikInfo1);
                _w[2] = Vector512.Create(0x80000000u);
                _w[15] = Vector512.Create((64u + 8) * 8);
                break;
            case 5: // expand-outer over the inner hash, from the opad state
                Sha256x16.DigestBlock(ref _state, ref _w);
                _chain = _carry2;
                break;
            default: // done: the RPIK is in the first four words
                _carry = _state;
                return;
        }
        _state = _chain;
    }

    // Carry holds the PRK here; the block is the PRK XOR the pad, then the pad alone (the key is 32 bytes of 64).
    private void KeyBlock(uint pad)
    {
        var p = Vector512.Create(pad);
        for (var i = 0; i < 8; i++)
        {
            _w[i] = _carry[i] ^ p;
            _w[i + 8] = p;
        }
        _chain = Sha256x16.Broadcast(Sha256Constants.InitialState);
    }
}
