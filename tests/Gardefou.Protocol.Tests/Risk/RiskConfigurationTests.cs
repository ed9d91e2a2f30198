using Gardefou.Protocol.Export;
using Gardefou.Protocol.Risk;

namespace Gardefou.Protocol.Tests.Risk;

public sealed class RiskConfigurationTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(RiskConfiguration.Default.Validate());

    public static TheoryData<string, RiskConfiguration> Invalid() => new()
    {
        { "thresholds", RiskConfiguration.Default with { NearThresholdDb = 30 } },
        { "thresholds", RiskConfiguration.Default with { MediumThresholdDb = 40 } },
        { "MediumThresholdDb", RiskConfiguration.Default with { MediumThresholdDb = 256 } },
        { "ImmediateThresholdDb", RiskConfiguration.Default with { ImmediateThresholdDb = -1 } },
        { "ImmediateWeight", RiskConfiguration.Default with { ImmediateWeight = 2.6 } },
        { "OtherWeight", RiskConfiguration.Default with { OtherWeight = -0.1 } },
        { "HighInfectiousnessWeight", RiskConfiguration.Default with { HighInfectiousnessWeight = double.NaN } },
        { "SelfReportWeight", RiskConfiguration.Default with { SelfReportWeight = double.PositiveInfinity } },
        { "InfectiousnessByDaysSinceOnset", RiskConfiguration.Default with { InfectiousnessByDaysSinceOnset = [Infectiousness.High] } },
        { "InfectiousnessByDaysSinceOnset", RiskConfiguration.Default with { InfectiousnessByDaysSinceOnset = [.. Enumerable.Repeat((Infectiousness)7, 29)] } },
        { "ReportTypeWhenMissing", RiskConfiguration.Default with { ReportTypeWhenMissing = ReportType.Revoked } },
        { "MinimumWindowScore", RiskConfiguration.Default with { MinimumWindowScore = -1 } },
        { "DailyScoreThreshold", RiskConfiguration.Default with { DailyScoreThreshold = 0 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_configuration_is_reported_and_refused_by_the_scorer(string problem, RiskConfiguration configuration)
    {
        Assert.Contains(configuration.Validate(), e => e.Contains(problem, StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => new RiskScorer(configuration));
        Assert.Contains(problem, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_instances_outside_gaen_ranges_cannot_be_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanInstance(256, 10, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanInstance(40, 50, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanInstance(40, 30, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanInstance(-1, -1, 60));
    }
}
