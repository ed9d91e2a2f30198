using Gardefou.Protocol.Export;

namespace Gardefou.Protocol.Risk;

/// <summary>
/// Scores exposure windows and decides whether to notify, with the model documented on
/// <see cref="RiskConfiguration"/>. Stateless and thread-safe once built.
/// </summary>
public sealed class RiskScorer
{
    /// <summary>Creates a scorer; an invalid configuration throws <see cref="ArgumentException"/> listing its problems.</summary>
    public RiskScorer(RiskConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration.EnsureValid();
    }

    /// <summary>The validated configuration.</summary>
    public RiskConfiguration Configuration { get; }

    /// <summary>The bucket of a typical attenuation.</summary>
    public AttenuationBucket BucketOf(int typicalAttenuationDb) =>
        typicalAttenuationDb <= Configuration.ImmediateThresholdDb ? AttenuationBucket.Immediate
        : typicalAttenuationDb <= Configuration.NearThresholdDb ? AttenuationBucket.Near
        : typicalAttenuationDb <= Configuration.MediumThresholdDb ? AttenuationBucket.Medium
        : AttenuationBucket.Other;

    /// <summary>The weight of seconds spent in <paramref name="bucket"/>.</summary>
    public double WeightOf(AttenuationBucket bucket) => bucket switch
    {
        AttenuationBucket.Immediate => Configuration.ImmediateWeight,
        AttenuationBucket.Near => Configuration.NearWeight,
        AttenuationBucket.Medium => Configuration.MediumWeight,
        _ => Configuration.OtherWeight,
    };

    /// <summary>The weight of an infectiousness; <see cref="Infectiousness.None"/> weighs nothing.</summary>
    public double WeightOf(Infectiousness infectiousness) => infectiousness switch
    {
        Infectiousness.Standard => Configuration.StandardInfectiousnessWeight,
        Infectiousness.High => Configuration.HighInfectiousnessWeight,
        _ => 0,
    };

    /// <summary>The weight of a report type; revoked keys weigh nothing, missing types use the configured default.</summary>
    public double WeightOf(ReportType reportType) => Configuration.ReportTypeFor(reportType) switch
    {
        ReportType.ConfirmedTest => Configuration.ConfirmedTestWeight,
        ReportType.ConfirmedClinicalDiagnosis => Configuration.ConfirmedClinicalDiagnosisWeight,
        ReportType.SelfReport => Configuration.SelfReportWeight,
        ReportType.Recursive => Configuration.RecursiveWeight,
        _ => 0,
    };

    /// <summary>Weighted duration and score of one window.</summary>
    public WindowScore Score(ExposureWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var weighted = 0.0;
        foreach (var scan in window.ScanInstances)
        {
            weighted += scan.SecondsSinceLastScan * WeightOf(BucketOf(scan.TypicalAttenuationDb));
        }
        return new WindowScore(weighted, weighted * WeightOf(window.Infectiousness) * WeightOf(window.ReportType));
    }

    /// <summary>
    /// Per-day summaries of <paramref name="windows"/>, oldest day first; windows below the minimum window score and
    /// windows of non-infectious or revoked keys (score 0) are left out.
    /// </summary>
    public IReadOnlyList<DailySummary> SummarizeDays(IEnumerable<ExposureWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var days = new SortedDictionary<DateOnly, (double Max, double Sum, double Weighted, int Count)>();
        foreach (var window in windows)
        {
            var score = Score(window);
            if (score.Score <= 0 || score.Score < Configuration.MinimumWindowScore)
            {
                continue;
            }
            days.TryGetValue(window.Day, out var day);
            days[window.Day] = (Math.Max(day.Max, score.Score), day.Sum + score.Score, day.Weighted + score.WeightedDuration, day.Count + 1);
        }
        return [.. days.Select(d => new DailySummary(d.Key, d.Value.Max, d.Value.Sum, d.Value.Weighted, d.Value.Count))];
    }

    /// <summary>Whether the day's score sum reaches the daily threshold.</summary>
    public bool ShouldNotify(DailySummary day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.ScoreSum >= Configuration.DailyScoreThreshold;
    }

    /// <summary>
    /// The most recent day that warrants a notification, or null. Only the day is returned, never a time or the
    /// windows, so the notification cannot point at one encounter.
    /// </summary>
    public DateOnly? DayToNotify(IEnumerable<ExposureWindow> windows)
    {
        DateOnly? latest = null;
        foreach (var day in SummarizeDays(windows))
        {
            if (ShouldNotify(day))
            {
                latest = day.Day;
            }
        }
        return latest;
    }
}
