namespace Gardefou.Simulation.Reference;

/// <summary>
/// The deterministic model of Ferretti et al. 2020 (Science 368:eabb6936, SI eqs. 23–29): a renewal process in which a
/// symptomatic case isolates at onset + <c>delay</c> with success ε_I and its contacts infected before then are
/// quarantined at that moment with success ε_T (environmental transmission, RE/R0 = 0.1, cannot be traced).
/// Individuals are typed by the time from their infection to their quarantine; the reproduction number is the largest
/// eigenvalue of the next-generation operator over that type, on a 0.1-day grid over 30 days. Used as a reference for
/// the agent model.
/// </summary>
public sealed class FerrettiModel
{
    private const double Step = 0.1;
    private const int Bins = 300;
    private readonly double[,] _base;
    private readonly double[,] _isolation;
    private readonly double[,] _tracing;

    /// <summary>Builds the operator for a delay in days (multiple of 0.1) from symptom onset to isolation and tracing.</summary>
    public FerrettiModel(double delayDays = 0, double generationShape = 2.826, double generationScale = 5.665,
        double incubationMeanLog = 1.644, double incubationSdLog = 0.363, double asymptomaticFraction = 0.4,
        double asymptomaticInfectiousness = 0.1, double environmentalShare = 0.1)
    {
        AsymptomaticFraction = asymptomaticFraction;
        EnvironmentalShare = environmentalShare;
        var delay = (int)Math.Round(delayDays / Step);
        var generation = new double[Bins];
        var incubation = new double[Bins];
        for (var j = 0; j < Bins; j++)
        {
            generation[j] = Weibull((j + 1) * Step, generationShape, generationScale) - Weibull(j * Step, generationShape, generationScale);
            incubation[j] = LogNormal((j + 1) * Step, incubationMeanLog, incubationSdLog) - LogNormal(j * Step, incubationMeanLog, incubationSdLog);
        }
        // Per unit R0: a symptomatic case has R_s, an asymptomatic one x_a R_s, averaging to 1.
        var rs = 1 / ((1 - asymptomaticFraction) + asymptomaticFraction * asymptomaticInfectiousness);
        _base = new double[Bins + 1, Bins + 1];
        _isolation = new double[Bins + 1, Bins + 1];
        _tracing = new double[Bins + 1, Bins + 1];
        for (var k = 0; k <= Bins; k++)
        {
            // Infector quarantined at k·Step after its own infection (k = Bins: never) transmits only before then.
            var limit = Math.Min(k, Bins);
            for (var j = 0; j < limit; j++)
            {
                _base[Bins, k] += rs * generation[j] * (asymptomaticFraction * asymptomaticInfectiousness + (1 - asymptomaticFraction));
            }
            for (var i = 0; i < Bins; i++)
            {
                var weight = (1 - asymptomaticFraction) * rs * incubation[i];
                if (weight == 0)
                {
                    continue;
                }
                for (var j = 0; j < limit; j++)
                {
                    var mass = weight * generation[j];
                    // Infections before the index is identified (onset + delay) are traced, quarantined at that moment;
                    // later ones happen only if isolation failed and are not traced. When infection and
                    // identification fall in the same bin, half the mass is on each side.
                    var before = j < i + delay ? mass : j == i + delay ? mass / 2 : 0;
                    if (before > 0)
                    {
                        _tracing[Math.Min(Bins, i + delay - j), k] += before;
                        _tracing[Bins, k] -= before;
                    }
                    _isolation[Bins, k] -= mass - before;
                }
            }
        }
    }

    /// <summary>Share of cases without symptoms.</summary>
    public double AsymptomaticFraction { get; }

    /// <summary>Share of transmission that is environmental (untraceable).</summary>
    public double EnvironmentalShare { get; }

    /// <summary>Effective reproduction number for a given R0, isolation success and tracing success.</summary>
    public double ReproductionNumber(double r0, double isolation, double tracing)
    {
        var traced = tracing * (1 - EnvironmentalShare);
        var n = Bins + 1;
        var m = new double[n * n];
        for (var t = 0; t < n; t++)
        {
            for (var k = 0; k < n; k++)
            {
                m[t * n + k] = _base[t, k] + isolation * _isolation[t, k] + traced * _tracing[t, k];
            }
        }
        var v = new double[n];
        var next = new double[n];
        Array.Fill(v, 1.0 / n);
        var lambda = 0.0;
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var sum = 0.0;
            for (var t = 0; t < n; t++)
            {
                var row = m.AsSpan(t * n, n);
                var acc = 0.0;
                for (var k = 0; k < n; k++)
                {
                    acc += row[k] * v[k];
                }
                next[t] = acc;
                sum += acc;
            }
            if (sum <= 0)
            {
                return 0;
            }
            for (var t = 0; t < n; t++)
            {
                next[t] /= sum;
            }
            var converged = Math.Abs(sum - lambda) < 1e-11;
            lambda = sum;
            (v, next) = (next, v);
            if (converged)
            {
                break;
            }
        }
        return r0 * lambda;
    }

    /// <summary>Tracing success needed to bring R to 1, or null when even perfect tracing cannot.</summary>
    public double? RequiredTracing(double r0, double isolation)
    {
        if (ReproductionNumber(r0, isolation, 1) > 1)
        {
            return null;
        }
        double lo = 0, hi = 1;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            if (ReproductionNumber(r0, isolation, mid) > 1)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double Weibull(double t, double shape, double scale) => t <= 0 ? 0 : 1 - Math.Exp(-Math.Pow(t / scale, shape));

    private static double LogNormal(double t, double meanLog, double sdLog) =>
        t <= 0 ? 0 : 0.5 * (1 + Erf((Math.Log(t) - meanLog) / (sdLog * Math.Sqrt(2))));

    // Abramowitz & Stegun 7.1.26 has 1.5e-7 absolute error, far below the two decimals compared.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
