namespace Gardefou.Protocol.Crypto;

/// <summary>FIPS 180-4 constants of SHA-256, and the HMAC pad states of GAEN's constant HKDF salt.</summary>
internal static class Sha256Constants
{
    /// <summary>Round constants K[0..63].</summary>
    public static ReadOnlySpan<uint> K => s_k;

    /// <summary>Initial hash value H(0).</summary>
    public static ReadOnlySpan<uint> InitialState => s_initialState;

    // Arrays, not collection expressions: a span property over a uint collection expression allocated on every call.
    private static readonly uint[] s_k =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] s_initialState =
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    /// <summary>Inner pad byte of HMAC, repeated in a word.</summary>
    public const uint InnerPad = 0x36363636;

    /// <summary>Outer pad byte of HMAC, repeated in a word.</summary>
    public const uint OuterPad = 0x5c5c5c5c;

    /// <summary>"EN-RPIK" followed by HKDF-Expand's counter byte 0x01, as two big-endian words.</summary>
    public const uint RpikInfo0 = 0x454E2D52;

    /// <summary>Second word of the RPIK info block ("PIK" and 0x01).</summary>
    public const uint RpikInfo1 = 0x50494B01;

    /// <summary>
    /// The state after compressing (32 zero bytes of salt XOR ipad) — HKDF-Extract's inner HMAC state — computed
    /// once, since GAEN's salt never changes; likewise the outer state with opad.
    /// </summary>
    internal static readonly uint[] s_zeroSaltInnerState = PadState(InnerPad);

    /// <summary>Outer HMAC state of the zero salt.</summary>
    internal static readonly uint[] s_zeroSaltOuterState = PadState(OuterPad);

    private static uint[] PadState(uint pad)
    {
        var state = InitialState.ToArray();
        Span<uint> block = stackalloc uint[16];
        block.Fill(pad);
        Sha256Scalar.Compress(state, block);
        return state;
    }
}
