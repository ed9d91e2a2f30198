namespace Gardefou.Simulation.Reference;

/// <summary>
/// The deterministic model of Ferretti et al. 2020 (Science 368:eabb6936, SI §4; the "integral operator version of
/// the Euler–Lotka equation" of the authors' published code, Zenodo 3727255). A symptomatic case is identified
/// <c>delay</c> days after symptom onset: it isolates then with success ε_I, and each person it infected is quarantined
/// at that moment with success ε_T (environmental transmission, RE/R0 = 0.1, cannot be traced; asymptomatic cases are
/// never identified).
/// </summary>
/// <remarks>
/// Individuals are typed by the age y of their infector when it infected them. One such individual infects others at
/// its own age x at the rate
/// <c>R0 β(x) · [1 − ε_I + ε_I S_d(x)] · [1 − ε_T' + ε_T' P(infector not identified by x + y | no symptoms at y)]</c>,
/// where β is the generation-time density, <c>S_d(t) = 1 − (1 − f_a) F_inc(t − d)</c> the chance of not being
/// identified by age t, f_a the asymptomatic share of transmission and ε_T' = ε_T (1 − RE/R0). The conditional
/// probability is <c>min(1, S_d(x + y) / S_0(y))</c>: the model treats every infection as made while the infector had
/// no symptoms yet, which is how a contact made after the index's onset ends up only partly traced when the index
/// does not isolate. Those new infections have type x, so R is the largest eigenvalue of this operator, computed on
/// the research notes' grid (right end points every 0.1 day over 30 days). With these choices the model reproduces
/// the notes' thresholds table, their equal-success R values and their delay rows to two decimals.
/// </remarks>
public sealed class FerrettiModel
{
    private const double Step = 0.1;
    private const int Points = 300;
    private readonly double[] _generation = new double[Points];
    private readonly double[] _notIdentified;
    private readonly double[] _untracedIfTraceable = new double[Points * Points];

    /// <summary>Builds the operator for a delay in days from symptom onset to isolation and tracing.</summary>
    public FerrettiModel(double delayDays = 0, double generationShape = 2.826, double generationScale = 5.665,
        double incubationMeanLog = 1.644, double incubationSdLog = 0.363, double asymptomaticFraction = 0.4,
        double asymptomaticInfectiousness = 0.1, double environmentalShare = 0.1)
    {
        AsymptomaticFraction = asymptomaticFraction;
        EnvironmentalShare = environmentalShare;
        var asymptomaticShare = asymptomaticFraction * asymptomaticInfectiousness
            / (1 - asymptomaticFraction + asymptomaticFraction * asymptomaticInfectiousness);

        // Index k stands for age (k + 1)·Step; sums of two grid ages reach index 2·Points − 1.
        _notIdentified = new double[2 * Points];
        var symptomFree = new double[Points];
        for (var k = 0; k < 2 * Points; k++)
        {
            var age = (k + 1) * Step;
            _notIdentified[k] = 1 - (1 - asymptomaticShare) * LogNormalCdf(age - delayDays, incubationMeanLog, incubationSdLog);
            if (k < Points)
            {
                _generation[k] = WeibullDensity(age, generationShape, generationScale) * Step;
                symptomFree[k] = 1 - (1 - asymptomaticShare) * LogNormalCdf(age, incubationMeanLog, incubationSdLog);
            }
        }
        for (var a = 0; a < Points; a++)
        {
            for (var y = 0; y < Points; y++)
            {
                // Ages (a + 1)·Step and (y + 1)·Step add up to (a + y + 2)·Step, index a + y + 1.
                _untracedIfTraceable[a * Points + y] = Math.Min(1, _notIdentified[a + y + 1] / symptomFree[y]);
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
        var infecting = new double[Points];
        for (var a = 0; a < Points; a++)
        {
            infecting[a] = _generation[a] * (1 - isolation + isolation * _notIdentified[a]);
        }
        return r0 * DominantEigenvalue(infecting, traced);
    }

    /// <summary>Tracing success needed to bring R to 1, or null when even perfect tracing cannot.</summary>
    public double? RequiredTracing(double r0, double isolation)
    {
        if (ReproductionNumber(r0, isolation, 1) > 1)
        {
            return null;
        }
        double lo = 0, hi = 1;
        for (var i = 0; i < 30; i++)
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

    // Power iteration on K[a, y] = infecting[a] · (1 − traced + traced · untraced[a, y]); the kernel is positive, so
    // it converges to the Perron root. v sums to 1, so the untraced part of each row is (1 − traced) · infecting[a].
    private double DominantEigenvalue(double[] infecting, double traced)
    {
        var v = new double[Points];
        var next = new double[Points];
        Array.Fill(v, 1.0 / Points);
        var lambda = 0.0;
        for (var iteration = 0; iteration < 5000; iteration++)
        {
            var sum = 0.0;
            for (var a = 0; a < Points; a++)
            {
                var untraced = _untracedIfTraceable.AsSpan(a * Points, Points);
                var acc = 0.0;
                for (var y = 0; y < Points; y++)
                {
                    acc += untraced[y] * v[y];
                }
                next[a] = infecting[a] * (1 - traced + traced * acc);
                sum += next[a];
            }
            if (sum <= 0)
            {
                return 0;
            }
            for (var a = 0; a < Points; a++)
            {
                next[a] /= sum;
            }
            var converged = Math.Abs(sum - lambda) < 1e-13;
            lambda = sum;
            (v, next) = (next, v);
            if (converged)
            {
                break;
            }
        }
        return lambda;
    }

    private static double WeibullDensity(double t, double shape, double scale) =>
        t <= 0 ? 0 : shape / scale * Math.Pow(t / scale, shape - 1) * Math.Exp(-Math.Pow(t / scale, shape));

    private static double LogNormalCdf(double t, double meanLog, double sdLog) =>
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
