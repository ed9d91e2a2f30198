using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Risk;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Tests.Risk;

public sealed class RiskScorerTests
{
    private static readonly DateOnly s_day = new(2026, 11, 20);
    private readonly RiskScorer _scorer = new(RiskConfiguration.Default);

    private static ExposureWindow Window(DateOnly day, ReportType type, Infectiousness infectiousness, params (int Typical, int Seconds)[] scans) =>
        new(day, type, infectiousness, CalibrationConfidence.High, [.. scans.Select(s => new ScanInstance(s.Typical, Math.Max(0, s.Typical - 3), s.Seconds))]);

    [Theory]
    [InlineData(0, AttenuationBucket.Immediate)]
    [InlineData(30, AttenuationBucket.Immediate)]
    [InlineData(31, AttenuationBucket.Near)]
    [InlineData(50, AttenuationBucket.Near)]
    [InlineData(51, AttenuationBucket.Medium)]
    [InlineData(70, AttenuationBucket.Medium)]
    [InlineData(71, AttenuationBucket.Other)]
    [InlineData(255, AttenuationBucket.Other)]
    public void Thresholds_are_inclusive_upper_edges(int attenuation, AttenuationBucket expected) =>
        Assert.Equal(expected, _scorer.BucketOf(attenuation));

    [Fact]
    public void Window_score_is_weighted_seconds_times_infectiousness_and_report_type()
    {
        // 300 s immediate (×1.5) + 300 s near (×1.0) + 120 s medium (×0.5) + 600 s other (×0) = 450 + 300 + 60 = 810.
        var window = Window(s_day, ReportType.ConfirmedTest, Infectiousness.High, (25, 300), (45, 300), (60, 120), (80, 600));

        var score = _scorer.Score(window);

        Assert.Equal(810, score.WeightedDuration, 9);
        Assert.Equal(810 * 1.5 * 1.0, score.Score, 9); // high infectiousness ×1.5, confirmed test ×1.0
    }

    [Fact]
    public void Custom_weights_multiply_as_documented()
    {
        var scorer = new RiskScorer(RiskConfiguration.Default with { SelfReportWeight = 0.5, StandardInfectiousnessWeight = 0.8 });
        var window = Window(s_day, ReportType.SelfReport, Infectiousness.Standard, (40, 600));

        // 600 s near (×1.0) × 0.8 × 0.5 = 240.
        Assert.Equal(240, scorer.Score(window).Score, 9);
    }

    [Fact]
    public void Revoked_keys_and_non_infectious_days_score_zero()
    {
        Assert.Equal(0, _scorer.Score(Window(s_day, ReportType.Revoked, Infectiousness.High, (20, 900))).Score);
        Assert.Equal(0, _scorer.Score(Window(s_day, ReportType.ConfirmedTest, Infectiousness.None, (20, 900))).Score);
        Assert.Equal(1350, _scorer.Score(Window(s_day, ReportType.ConfirmedTest, Infectiousness.None, (20, 900))).WeightedDuration);
    }

    [Fact]
    public void Unknown_report_type_is_scored_as_the_configured_default()
    {
        var scorer = new RiskScorer(RiskConfiguration.Default with { ReportTypeWhenMissing = ReportType.SelfReport, SelfReportWeight = 2 });

        Assert.Equal(1200, scorer.Score(Window(s_day, ReportType.Unknown, Infectiousness.Standard, (40, 600))).Score, 9);
    }

    [Fact]
    public void Days_are_summed_per_day_and_filtered_by_minimum_window_score()
    {
        var scorer = new RiskScorer(RiskConfiguration.Default with { MinimumWindowScore = 100 });
        var windows = new[]
        {
            Window(s_day, ReportType.ConfirmedTest, Infectiousness.Standard, (40, 600)), // 600
            Window(s_day, ReportType.ConfirmedTest, Infectiousness.High, (25, 200)), // 300 × 1.5 = 450
            Window(s_day, ReportType.ConfirmedTest, Infectiousness.Standard, (40, 60)), // 60 < 100: left out
            Window(s_day.AddDays(-3), ReportType.ConfirmedClinicalDiagnosis, Infectiousness.Standard, (60, 400)), // 200
        };

        var days = scorer.SummarizeDays(windows);

        Assert.Equal(2, days.Count);
        Assert.Equal(new DailySummary(s_day.AddDays(-3), 200, 200, 200, 1), days[0]);
        Assert.Equal(new DailySummary(s_day, 600, 1050, 900, 2), days[1]);
    }

    [Fact]
    public void Notification_needs_the_daily_threshold_and_names_only_the_latest_day()
    {
        var fifteenMinutesNear = Window(s_day.AddDays(-2), ReportType.ConfirmedTest, Infectiousness.Standard, (40, 900)); // 900
        var fourteenMinutesNear = Window(s_day, ReportType.ConfirmedTest, Infectiousness.Standard, (40, 840)); // 840
        var farAway = Window(s_day.AddDays(-1), ReportType.ConfirmedTest, Infectiousness.High, (90, 3600)); // 0

        Assert.Equal(s_day.AddDays(-2), _scorer.DayToNotify([fifteenMinutesNear, fourteenMinutesNear, farAway]));
        Assert.Null(_scorer.DayToNotify([fourteenMinutesNear, farAway]));
        Assert.True(_scorer.ShouldNotify(new DailySummary(s_day, 900, 900, 900, 1)));
        Assert.False(_scorer.ShouldNotify(new DailySummary(s_day, 899, 899.9, 900, 1)));
    }

    [Fact]
    public void Window_for_a_matched_key_takes_its_mapped_report_type_and_infectiousness()
    {
        var key = new DiagnosisKey(TemporaryExposureKey.Generate(), KeyValidity.FullDay(new EnIntervalNumber(2_950_000)), 0, null, 1);

        var window = RiskConfiguration.Default.CreateWindow(key, s_day, CalibrationConfidence.Medium, [new ScanInstance(40, 35, 600)]);

        Assert.Equal(ReportType.ConfirmedTest, window.ReportType);
        Assert.Equal(Infectiousness.High, window.Infectiousness);
        Assert.Equal(900, _scorer.Score(window).Score, 9); // 600 s near × high 1.5 × confirmed 1.0
    }

    [Theory]
    [InlineData(null, Infectiousness.Standard)]
    [InlineData(0, Infectiousness.High)]
    [InlineData(-2, Infectiousness.High)]
    [InlineData(2, Infectiousness.High)]
    [InlineData(-5, Infectiousness.Standard)]
    [InlineData(9, Infectiousness.Standard)]
    [InlineData(-6, Infectiousness.None)]
    [InlineData(10, Infectiousness.None)]
    [InlineData(14, Infectiousness.None)]
    [InlineData(20, Infectiousness.None)]
    public void Default_infectiousness_follows_days_since_onset(int? days, Infectiousness expected) =>
        Assert.Equal(expected, RiskConfiguration.Default.InfectiousnessFor(days));
}
