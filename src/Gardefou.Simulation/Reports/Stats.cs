namespace Gardefou.Simulation.Reports;

/// <summary>Mean and 95% confidence half-width over seeds (Student t for small samples).</summary>
public readonly record struct Stats(double Mean, double HalfWidth, int Count)
{
    private static readonly double[] s_t95 = [0, 12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23];

    /// <summary>Summarises values.</summary>
    public static Stats Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return new Stats(double.NaN, double.NaN, 0);
        }
        var mean = list.Average();
        if (list.Count == 1)
        {
            return new Stats(mean, 0, 1);
        }
        var sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        var t = list.Count - 1 < s_t95.Length ? s_t95[list.Count - 1] : 1.96;
        return new Stats(mean, t * sd / Math.Sqrt(list.Count), list.Count);
    }

    /// <summary>"mean ± half" with a format.</summary>
    public string Format(string format) =>
        Count > 1 ? $"{Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ± {HalfWidth.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}"
                  : Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
