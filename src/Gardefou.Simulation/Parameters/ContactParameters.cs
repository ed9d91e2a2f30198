namespace Gardefou.Simulation.Parameters;

/// <summary>
/// Daily contacts. Counts follow OpenABM-Covid19's defaults (occupation 10 children / 7 adults / 3 elderly,
/// random 2/4/3 per day, all household members daily); durations and distances are log-normal per setting,
/// medians chosen from POLYMOD (Mossong et al. 2008: home contacts long, transport short).
/// </summary>
public sealed record ContactParameters
{
    /// <summary>Pairing rounds per day in a school class.</summary>
    public int SchoolRounds { get; init; } = 10;

    /// <summary>Pairing rounds per day in a workplace team.</summary>
    public int WorkRounds { get; init; } = 7;

    /// <summary>Pairing rounds per day among public-transport users of a département.</summary>
    public int TransportRounds { get; init; } = 3;

    /// <summary>Pairing rounds per day among the people of a commune (random/leisure contacts).</summary>
    public int RandomRounds { get; init; } = 8;

    /// <summary>Probability of taking part in a random-contact round per age band (mean contacts ≈ rounds × value; OpenABM 2/4/3).</summary>
    public IReadOnlyList<double> RandomActivity { get; init; } = [0.25, 0.3, 0.55, 0.55, 0.5, 0.5, 0.45, 0.4, 0.35];

    /// <summary>
    /// Contacts per person per day with someone drawn from the whole simulated population (travel, family visits,
    /// events elsewhere), on top of commuting. They make a sample of scattered communes, or all of France, one
    /// connected epidemic instead of isolated village outbreaks. Default 0.1 (one such contact every ten days): an
    /// assumption, small beside the ≈ 15 daily contacts; 0 disables it.
    /// </summary>
    public double TravelContactsPerDay { get; init; } = 0.1;

    /// <summary>Days of the week with school and work (day 0 is a Monday).</summary>
    public int WorkdaysPerWeek { get; init; } = 5;

    /// <summary>Median contact duration in minutes: home, school, work, transport, random.</summary>
    public IReadOnlyList<double> MedianMinutes { get; init; } = [120, 45, 40, 15, 20];

    /// <summary>Median distance in metres: home, school, work, transport, random.</summary>
    public IReadOnlyList<double> MedianMetres { get; init; } = [1.2, 1.5, 1.8, 1.0, 1.8];

    /// <summary>Log-normal spread (sdlog) of durations.</summary>
    public double DurationSdLog { get; init; } = 0.8;

    /// <summary>Log-normal spread (sdlog) of distances.</summary>
    public double DistanceSdLog { get; init; } = 0.6;

    /// <summary>Relative transmission per setting before duration and distance: home, school, work, transport, random (OpenABM: household 2, others 1).</summary>
    public IReadOnlyList<double> SettingWeight { get; init; } = [2, 1, 1, 1, 1];
}
