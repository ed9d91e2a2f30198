namespace Gardefou.Simulation.Randomness;

/// <summary>
/// Counter-based randomness: every draw is a pure function of (seed, purpose, indices), so results do
/// not depend on thread count, iteration order or what else was drawn (SplitMix64 finaliser, Steele et al. 2014).
/// </summary>
public static class Hash
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong x)
    {
        unchecked
        {
            x ^= x >> 30;
            x *= 0xBF58476D1CE4E5B9UL;
            x ^= x >> 27;
            x *= 0x94D049BB133111EBUL;
            x ^= x >> 31;
            return x;
        }
    }

    /// <summary>Hash of a seed and one value.</summary>
    public static ulong Of(ulong seed, ulong a) => unchecked(Mix(seed + Golden * (a + 1)));

    /// <summary>Hash of a seed and two values.</summary>
    public static ulong Of(ulong seed, ulong a, ulong b) => Of(Of(seed, a), b);

    /// <summary>Hash of a seed and three values.</summary>
    public static ulong Of(ulong seed, ulong a, ulong b, ulong c) => Of(Of(Of(seed, a), b), c);

    /// <summary>Hash of a seed and four values.</summary>
    public static ulong Of(ulong seed, ulong a, ulong b, ulong c, ulong d) => Of(Of(Of(Of(seed, a), b), c), d);

    /// <summary>Maps a hash to a double uniform in [0, 1).</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(ulong h, double p) => Unit(h) < p;
}
