namespace Gardefou.Simulation.Randomness;

/// <summary>
/// A small sequential generator (SplitMix64) for the few places that need several draws in a row;
/// it is always seeded from <see cref="Hash"/> so that each stream belongs to one (purpose, agent, day).
/// </summary>
public struct RandomStream
{
    private ulong _state;

    /// <summary>Starts a stream at a state taken from <see cref="Hash.Of(ulong, ulong)"/>.</summary>
    public RandomStream(ulong state) => _state = state;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Hash.Mix(_state);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => Hash.Unit(NextUInt64());

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    /// <summary>Standard normal (Box–Muller; the second value is discarded to keep the stream stateless beyond one word).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given parameters of the underlying normal.</summary>
    public double NextLogNormal(double meanLog, double sdLog) => Math.Exp(meanLog + sdLog * NextNormal());

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (2000).</summary>
    public double NextGamma(double shape)
    {
        if (shape < 1)
        {
            return NextGamma(shape + 1) * Math.Pow(1.0 - NextDouble(), 1.0 / shape);
        }
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1.0 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1.0 - NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    /// <summary>Poisson with mean <paramref name="mean"/> (inversion for small means, normal approximation above 50).</summary>
    public int NextPoisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }
        if (mean > 50)
        {
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * NextNormal()));
        }
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    /// <summary>Index drawn from cumulative weights (last entry is the total).</summary>
    public int NextFromCumulative(ReadOnlySpan<double> cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (x < cumulative[i])
            {
                return i;
            }
        }
        return cumulative.Length - 1;
    }
}
