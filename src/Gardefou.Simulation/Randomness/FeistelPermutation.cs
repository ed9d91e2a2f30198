namespace Gardefou.Simulation.Randomness;

/// <summary>
/// A keyed bijection of [0, n) built from a 4-round balanced Feistel network with cycle walking.
/// It pairs agents for a day's contacts without storing anything: the partner of the agent at slot s is
/// <c>Inverse(Forward(s) ^ 1)</c>, which is symmetric by construction, so every contact is seen the same
/// way from both ends and can be regenerated later (for tracing) from the seed alone.
/// </summary>
public readonly struct FeistelPermutation
{
    // Hash.Of(key, round) for the four rounds, computed once: a round function is then one mix instead of two.
    private readonly ulong _round0;
    private readonly ulong _round1;
    private readonly ulong _round2;
    private readonly ulong _round3;
    private readonly int _n;
    private readonly int _lowBits;
    private readonly int _highBits;

    /// <summary>A permutation of [0, <paramref name="n"/>) chosen by <paramref name="key"/>.</summary>
    public FeistelPermutation(ulong key, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        _round0 = Hash.Of(key, 0);
        _round1 = Hash.Of(key, 1);
        _round2 = Hash.Of(key, 2);
        _round3 = Hash.Of(key, 3);
        _n = n;
        // Smallest power of two ≥ n (at least 4), split into two halves that differ by at most one bit, so cycle
        // walking needs fewer than two encryptions on average.
        var bits = Math.Max(2, n == 1 ? 0 : System.Numerics.BitOperations.Log2((uint)(n - 1)) + 1);
        _lowBits = bits / 2;
        _highBits = bits - _lowBits;
    }

    /// <summary>Image of <paramref name="x"/>.</summary>
    public int Forward(int x)
    {
        var y = (uint)x;
        do
        {
            y = Encrypt(y);
        }
        while (y >= (uint)_n);
        return (int)y;
    }

    /// <summary>Pre-image of <paramref name="y"/>.</summary>
    public int Inverse(int y)
    {
        var x = (uint)y;
        do
        {
            x = Decrypt(x);
        }
        while (x >= (uint)_n);
        return (int)x;
    }

    /// <summary>The slot paired with <paramref name="slot"/>, or -1 when it is the odd one out.</summary>
    public int Partner(int slot)
    {
        var position = Forward(slot) ^ 1;
        return position < _n ? Inverse(position) : -1;
    }

    // Equal to Hash.Of(key, round, half): Hash.Of(seed, a, b) is Hash.Of(Hash.Of(seed, a), b).
    private uint Round(int round, uint half, int bits)
    {
        var roundKey = round switch { 0 => _round0, 1 => _round1, 2 => _round2, _ => _round3 };
        return (uint)(Hash.Of(roundKey, half) & ((1UL << bits) - 1));
    }

    // Unbalanced Feistel: the state is (a: wa bits, b: wb bits); a round maps it to (b, a ^ F(b)) whose widths are
    // (wb, wa). After four rounds the widths are back to (high, low).
    private uint Encrypt(uint v)
    {
        int wa = _highBits, wb = _lowBits;
        var a = v >> wb;
        var b = v & ((1u << wb) - 1);
        for (var r = 0; r < 4; r++)
        {
            var next = a ^ Round(r, b, wa);
            a = b;
            b = next;
            (wa, wb) = (wb, wa);
        }
        return (a << wb) | b;
    }

    private uint Decrypt(uint v)
    {
        int wa = _highBits, wb = _lowBits;
        var a = v >> wb;
        var b = v & ((1u << wb) - 1);
        for (var r = 3; r >= 0; r--)
        {
            // Undo (a, b) = (b_prev, a_prev ^ F(b_prev)), whose widths were (wb, wa) before the round.
            var previousB = a;
            var previousA = b ^ Round(r, previousB, wb);
            a = previousA;
            b = previousB;
            (wa, wb) = (wb, wa);
        }
        return (a << wb) | b;
    }
}
