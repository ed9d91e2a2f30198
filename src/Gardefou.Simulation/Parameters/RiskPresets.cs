using Gardefou.Protocol.Risk;

namespace Gardefou.Simulation.Parameters;

/// <summary>
/// GAEN risk configurations as deployed, mapped onto GAEN v2's three attenuation thresholds (a scan of typical
/// attenuation a falls in the first bucket whose threshold is ≥ a). The apps' published two-threshold buckets
/// "below t1 / t1 to below t2 / t2 and above" become ≤ t1 − 1 / ≤ t2 − 1 / beyond, with the last two weighted 0.
/// Sources and what is not reproduced are in docs/simulation.md ("Notification rules").
/// </summary>
public static class RiskPresets
{
    /// <summary>Names accepted by <see cref="Of"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gardefou", "nhs", "cwa", "swisscovid"];

    /// <summary>
    /// NHS COVID-19 app (England and Wales), launch configuration of September 2020: attenuation thresholds 55 and
    /// 63 dB, bucket weights 1.0 / 0.5 / 0, notification at 15 weighted minutes a day (risk score 900).
    /// </summary>
    public static RiskConfiguration Nhs { get; } = TwoThresholds(55, 63, 1.0, 0.5, 900);

    /// <summary>
    /// Corona-Warn-App (Germany), exposure-window risk calculation: 1.0 below 55 dB, 0.5 from 55 to below 63 dB,
    /// nothing beyond; high risk from 15 weighted minutes a day. (Its filter that drops windows with under 10 minutes
    /// below 73 dB is not reproduced.)
    /// </summary>
    public static RiskConfiguration Cwa { get; } = TwoThresholds(55, 63, 1.0, 0.5, 900);

    /// <summary>SwissCovid (Switzerland), launch configuration of June 2020: thresholds 50 and 55 dB, weights 1.0 / 0.5 / 0, 15 minutes.</summary>
    public static RiskConfiguration SwissCovid { get; } = TwoThresholds(50, 55, 1.0, 0.5, 900);

    /// <summary>The configuration called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static RiskConfiguration Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "gardefou" or "default" => RiskConfiguration.Default,
            "nhs" => Nhs,
            "cwa" => Cwa,
            "swisscovid" or "swiss" => SwissCovid,
            _ => throw new ArgumentException($"unknown risk preset '{name}' ({string.Join(", ", Names)})"),
        };
    }

    // Two published thresholds: "near" is below t1, "medium" from t1 to below t2, the rest counts for nothing; the
    // third GAEN v2 threshold sits just above the second so that its bucket stays empty of weight.
    private static RiskConfiguration TwoThresholds(int t1, int t2, double nearWeight, double mediumWeight, double thresholdSeconds) =>
        RiskConfiguration.Default with
        {
            ImmediateThresholdDb = t1 - 1,
            NearThresholdDb = t2 - 1,
            MediumThresholdDb = t2,
            ImmediateWeight = nearWeight,
            NearWeight = mediumWeight,
            MediumWeight = 0,
            OtherWeight = 0,
            DailyScoreThreshold = thresholdSeconds,
        };
}
