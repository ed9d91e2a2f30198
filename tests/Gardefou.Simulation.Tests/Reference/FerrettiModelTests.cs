using Gardefou.Simulation.Reference;

namespace Gardefou.Simulation.Tests.Reference;

public sealed class FerrettiModelTests
{
    // shared/research/simulation-anchors.md §4: required tracing success for r = 0, no delay.
    public static TheoryData<double, double, double> Thresholds => new()
    {
        { 2.0, 0.0, 0.77 }, { 2.0, 0.2, 0.70 }, { 2.0, 0.4, 0.62 }, { 2.0, 0.5, 0.57 }, { 2.0, 0.6, 0.52 },
        { 2.0, 0.7, 0.46 }, { 2.0, 0.8, 0.39 }, { 2.0, 0.9, 0.31 }, { 2.0, 1.0, 0.22 },
        { 2.5, 0.0, 0.92 }, { 2.5, 0.2, 0.87 }, { 2.5, 0.4, 0.81 }, { 2.5, 0.5, 0.77 }, { 2.5, 0.6, 0.73 },
        { 2.5, 0.7, 0.69 }, { 2.5, 0.8, 0.64 }, { 2.5, 0.9, 0.58 }, { 2.5, 1.0, 0.51 },
        { 3.0, 0.4, 0.93 }, { 3.0, 0.5, 0.91 }, { 3.0, 0.6, 0.88 },
        { 3.0, 0.7, 0.84 }, { 3.0, 0.8, 0.80 }, { 3.0, 0.9, 0.75 }, { 3.0, 1.0, 0.70 },
    };

    private static readonly FerrettiModel s_instant = new();

    [Theory]
    [InlineData(2.0, 0.22)]
    [InlineData(2.5, 0.51)]
    [InlineData(3.0, 0.70)]
    public void With_perfect_isolation_required_tracing_matches_the_published_table_to_two_decimals(double r0, double expected)
    {
        var required = s_instant.RequiredTracing(r0, 1.0);
        Assert.NotNull(required);
        Assert.Equal(expected, required.Value, 0.0051);
    }

    // Where isolation fails, our reading of the SI (contacts infected after the index's onset are not traced) needs
    // more tracing than the table (up to +0.25 at 60% isolation); docs/simulation.md reports both side by side.
    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Required_tracing_follows_the_published_table_within_the_documented_gap(double r0, double isolation, double expected)
    {
        var required = s_instant.RequiredTracing(r0, isolation);
        if (isolation < 0.65)
        {
            // Our reading cannot control these without more isolation, or needs nearly perfect tracing.
            Assert.True(required is null || required.Value > expected);
            return;
        }
        Assert.NotNull(required);
        Assert.InRange(required.Value, expected - 0.01, expected + 0.25);
    }

    [Fact]
    public void Required_tracing_falls_as_isolation_improves_and_rises_with_R0()
    {
        var previous = 1.0;
        foreach (var isolation in new[] { 0.7, 0.8, 0.9, 1.0 })
        {
            var required = s_instant.RequiredTracing(2.5, isolation)!.Value;
            Assert.True(required < previous);
            Assert.True(s_instant.RequiredTracing(3.0, isolation)!.Value > required);
            previous = required;
        }
    }

    [Fact]
    public void Without_isolation_R0_3_cannot_be_controlled_by_tracing_alone()
    {
        Assert.Null(s_instant.RequiredTracing(3.0, 0.0));
    }

    [Fact]
    public void Perfect_isolation_alone_leaves_presymptomatic_asymptomatic_and_environmental_transmission()
    {
        // Anchor A1/§4: R with eps_I = 1 and no tracing is about R0 − RS = 1.2 at R0 = 2 (re-implementation: 1.16).
        Assert.InRange(s_instant.ReproductionNumber(2.0, 1.0, 0.0), 1.10, 1.22);
        Assert.Equal(2.0, s_instant.ReproductionNumber(2.0, 0.0, 0.0), 1e-6);
    }

    [Fact]
    public void Delays_make_tracing_less_effective()
    {
        var prompt = s_instant.RequiredTracing(2.0, 1.0)!.Value;
        var oneDay = new FerrettiModel(delayDays: 1).RequiredTracing(2.0, 1.0)!.Value;
        var delayed = new FerrettiModel(delayDays: 3);
        Assert.True(oneDay > prompt + 0.1);
        Assert.True(delayed.ReproductionNumber(2.0, 1.0, 1.0) > s_instant.ReproductionNumber(2.0, 1.0, 1.0) + 0.2);
    }
}
