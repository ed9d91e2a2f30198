using Gardefou.Simulation.Reference;

namespace Gardefou.Simulation.Tests.Reference;

// Expected values: Ferretti et al. 2020 (Science 368:eabb6936), as re-derived
// from the SI); "to two decimals" means the model's value rounds to the published one.
public sealed class FerrettiModelTests
{
    public static TheoryData<double, double, double> Thresholds => new()
    {
        { 2.0, 0.0, 0.77 }, { 2.0, 0.2, 0.70 }, { 2.0, 0.4, 0.62 }, { 2.0, 0.5, 0.57 }, { 2.0, 0.6, 0.52 },
        { 2.0, 0.7, 0.46 }, { 2.0, 0.8, 0.39 }, { 2.0, 0.9, 0.31 }, { 2.0, 1.0, 0.22 },
        { 2.5, 0.0, 0.92 }, { 2.5, 0.2, 0.87 }, { 2.5, 0.4, 0.81 }, { 2.5, 0.5, 0.77 }, { 2.5, 0.6, 0.73 },
        { 2.5, 0.7, 0.69 }, { 2.5, 0.8, 0.64 }, { 2.5, 0.9, 0.58 }, { 2.5, 1.0, 0.51 },
        { 3.0, 0.2, 0.98 }, { 3.0, 0.4, 0.93 }, { 3.0, 0.5, 0.91 }, { 3.0, 0.6, 0.88 },
        { 3.0, 0.7, 0.84 }, { 3.0, 0.8, 0.80 }, { 3.0, 0.9, 0.75 }, { 3.0, 1.0, 0.70 },
    };

    // Required tracing at isolation success 0.6 / 0.8 / 1.0, R0 = 2, for a delay from onset to isolation and tracing.
    public static TheoryData<double, double, double> DelayedThresholds => new()
    {
        { 0.5, 0.6, 0.61 }, { 0.5, 0.8, 0.51 }, { 0.5, 1.0, 0.39 },
        { 1.0, 0.6, 0.71 }, { 1.0, 0.8, 0.64 }, { 1.0, 1.0, 0.56 },
        { 2.0, 0.6, 0.97 }, { 2.0, 0.8, 0.94 }, { 2.0, 1.0, 0.90 },
    };

    private static readonly FerrettiModel s_instant = new();

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Required_tracing_matches_the_published_thresholds_table_to_two_decimals(double r0, double isolation, double expected)
    {
        var required = s_instant.RequiredTracing(r0, isolation);
        Assert.NotNull(required);
        Assert.Equal(expected, Math.Round(required.Value, 2));
    }

    [Fact]
    public void Without_isolation_R0_3_cannot_be_controlled_by_tracing_alone()
    {
        // The table's "> 1" cell.
        Assert.Null(s_instant.RequiredTracing(3.0, 0.0));
        Assert.True(s_instant.ReproductionNumber(3.0, 0.0, 1.0) > 1);
    }

    [Theory]
    [InlineData(0.6, 0.93)]
    [InlineData(0.7, 0.79)]
    [InlineData(0.8, 0.67)]
    public void Equal_isolation_and_tracing_success_give_the_published_R(double success, double expected)
    {
        Assert.Equal(expected, Math.Round(s_instant.ReproductionNumber(2.0, success, success), 2));
    }

    [Theory]
    [MemberData(nameof(DelayedThresholds))]
    public void Delayed_isolation_and_tracing_need_the_published_tracing_success(double delayDays, double isolation, double expected)
    {
        var required = new FerrettiModel(delayDays).RequiredTracing(2.0, isolation);
        Assert.NotNull(required);
        Assert.Equal(expected, Math.Round(required.Value, 2));
    }

    [Fact]
    public void With_a_three_day_delay_no_combination_controls_the_epidemic()
    {
        var delayed = new FerrettiModel(delayDays: 3);
        Assert.Equal(1.20, Math.Round(delayed.ReproductionNumber(2.0, 1.0, 1.0), 2));
        Assert.Null(delayed.RequiredTracing(2.0, 1.0));
    }

    [Fact]
    public void Perfect_isolation_alone_leaves_presymptomatic_asymptomatic_and_environmental_transmission()
    {
        // Anchor A1/§4: R with eps_I = 1 and no tracing is about R0 − RS = 1.2 at R0 = 2 (re-implementation: 1.16).
        Assert.Equal(1.16, Math.Round(s_instant.ReproductionNumber(2.0, 1.0, 0.0), 2));
        // Without interventions the grid integrates the generation time to 1 (truncation at 30 days, 0.1-day steps).
        Assert.Equal(2.0, s_instant.ReproductionNumber(2.0, 0.0, 0.0), 1e-3);
    }

    [Fact]
    public void Required_tracing_falls_as_isolation_improves_and_rises_with_R0()
    {
        var previous = 1.0;
        foreach (var isolation in new[] { 0.0, 0.3, 0.6, 0.9, 1.0 })
        {
            var required = s_instant.RequiredTracing(2.5, isolation)!.Value;
            Assert.True(required < previous);
            Assert.True(s_instant.RequiredTracing(2.0, isolation)!.Value < required);
            previous = required;
        }
    }
}
