using Gardefou.Protocol.Risk;

namespace Gardefou.Simulation.Parameters;

/// <summary>
/// The exposure-notification app. Defaults follow the NHS COVID-19 app evaluation (Wymant et al. 2021:
/// 28% of the population, 72% of positives uploading) and Hinch et al. (no phones under 10, 2%/day drop-out).
/// </summary>
public sealed record AppParameters
{
    /// <summary>Design compared (epidemiology differs by notification delay and rule; privacy by what each party sees).</summary>
    public Design Design { get; init; } = Design.Gaen;

    /// <summary>Share of the whole population running the app at the start.</summary>
    public double Adoption { get; init; }

    /// <summary>Relative adoption per age band (OFCOM-like smartphone ownership; none under 10); normalised so the overall share is <see cref="Adoption"/>.</summary>
    public IReadOnlyList<double> AgeAdoption { get; init; } = [0, 0.8, 1, 1, 1, 0.95, 0.8, 0.55, 0.25];

    /// <summary>Probability that a household adopts together (Fraser et al. suggest assortativity ≈ 0.5); 0 = independent.</summary>
    public double HouseholdClustering { get; init; } = 0.5;

    /// <summary>Share of app users who uninstall or disable the app per day.</summary>
    public double DropOutPerDay { get; init; } = 0.002;

    /// <summary>Days from positive result to the person holding an upload code.</summary>
    public int CodeDelayDays { get; init; }

    /// <summary>Share of positive app users who upload their keys (NHS: 72%; SwissCovid Zurich: 60–88%).</summary>
    public double UploadFraction { get; init; } = 0.72;

    /// <summary>Share of notified people who quarantine (Daniore et al.: 76% take some action).</summary>
    public double NotifiedCompliance { get; init; } = 0.6;

    /// <summary>Share of notified people who ask for a test.</summary>
    public double NotifiedTestSeeking { get; init; } = 0.5;

    /// <summary>
    /// Days after the exposure when a notified person who seeks a test takes it (or at once if later): the French
    /// contact-case protocol of autumn 2020 asked contacts to test seven days after the last contact, since a test
    /// in the first days after infection is almost always negative. 0 = test on notification.
    /// </summary>
    public int NotifiedTestAfterExposureDays { get; init; } = 7;

    /// <summary>Day the app is launched (Hinch et al.'s NHSX scenario: at the end of lockdown); phones record nothing before it. Default 0.</summary>
    public int LaunchDay { get; init; }

    /// <summary>Days from upload to notification; null = the design's own (GAEN, DP-3T, ROBERT 1 day; BlueTrace 2), 0 = the day of the upload (OpenABM's instant tracing).</summary>
    public int? NotificationDelayDays { get; init; }

    /// <summary>
    /// Uploads on symptoms (self-report, the NHSX "likely" diagnosis) instead of only after a positive test: an app user
    /// who self-isolates for symptoms, COVID or not, uploads with <see cref="UploadFraction"/>. Default false.
    /// </summary>
    public bool UploadOnSymptoms { get; init; }

    /// <summary>Notified people who quarantine take their household with them (Hinch et al.'s scenario 3). Default false.</summary>
    public bool NotifiedHouseholdQuarantine { get; init; }

    /// <summary>Days the phone remembers contacts and keys it uploads (GAEN: 14).</summary>
    public int MemoryDays { get; init; } = 14;

    /// <summary>Daily probability that a phone is left behind at school or work (coat hook, locker) while its owner goes about.</summary>
    public double PhoneLeftBehindPerDay { get; init; } = 0.02;

    /// <summary>Pairing rounds per day of a left-behind phone with the people around its hook.</summary>
    public int LeftBehindRounds { get; init; } = 4;

    /// <summary>The GAEN v2 risk configuration phones apply (Gardefou.Protocol's published defaults: 30/50/70 dB, 900 weighted seconds a day).</summary>
    public RiskConfiguration Risk { get; init; } = RiskConfiguration.Default;

    /// <summary>Which contacts of an uploader are notified (default <see cref="NotificationRule.Gaen"/>: the risk score of <see cref="Risk"/>).</summary>
    public NotificationRule Rule { get; init; } = NotificationRule.Gaen;

    /// <summary>
    /// Recall per setting for <see cref="NotificationRule.ManualRecall"/>, in the order home, school, work, transport,
    /// random: everyone at home, most named classmates and colleagues, few strangers (see docs/simulation.md).
    /// </summary>
    public IReadOnlyList<double> RecallBySetting { get; init; } = [1.0, 0.9, 0.9, 0.1, 0.15];

    /// <summary>Minutes together that make a co-location for the location-based design (no radio there).</summary>
    public double ColocationMinutes { get; init; } = 15;
}
