namespace Gardefou.Simulation.Randomness;

/// <summary>
/// A keyed bijection of [0, n) built from a 4-round balanced Feistel network with cycle walking.
/// It pairs agents for a day's contacts without storing anything: the partner of the agent at slot s is
/// <c>Inverse(Forward(s) ^ 1)</c>, which is symmetric by construction, so every contact is seen the same
/// way from both ends and can be regenerated later (for tracing) from the seed alone.
/// </summary>
public readonly struct FeistelPermutation
{
    private readonly ulong _key;
    private readonly int _n;
    private readonly int _halfBits;
    private readonly uint _halfMask;

    /// <summary>A permutation of [0, <paramref name="n"/>) chosen by <paramref name="key"/>.</summary>
    public FeistelPermutation(ulong key, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        _key = key;
        _n = n;
        var bits = 2;
        while ((1L << bits) < n)
        {
            bits += 2;
        }
        _halfBits = bits / 2;
        _halfMask = (uint)((1L << _halfBits) - 1);
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

    private uint Round(int round, uint half) => (uint)(Hash.Of(_key, (ulong)round, half) & _halfMask);

    private uint Encrypt(uint v)
    {
        var left = v >> _halfBits;
        var right = v & _halfMask;
        for (var r = 0; r < 4; r++)
        {
            var next = left ^ Round(r, right);
            left = right;
            right = next;
        }
        return (left << _halfBits) | right;
    }

    private uint Decrypt(uint v)
    {
        var left = v >> _halfBits;
        var right = v & _halfMask;
        for (var r = 3; r >= 0; r--)
        {
            var previous = right ^ Round(r, left);
            right = left;
            left = previous;
        }
        return (left << _halfBits) | right;
    }
}
