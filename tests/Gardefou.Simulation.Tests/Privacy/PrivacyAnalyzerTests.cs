using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Privacy;

public sealed class PrivacyAnalyzerTests
{
    private static RunResult Run(Design design, double leftBehind = 0.02)
    {
        var pop = TestScenarios.Town("Angers", 15_000);
        var parameters = new SimulationParameters
        {
            Seed = 3,
            Days = 70,
            Disease = new DiseaseParameters { R0 = 2.2, InitialInfected = 30 },
            App = new AppParameters { Adoption = 0.5, Design = design, PhoneLeftBehindPerDay = leftBehind },
        };
        return new Simulator(parameters, pop).Run(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Centralised_designs_link_every_user_and_see_the_graph_decentralised_ones_only_uploaders()
    {
        var gaen = Run(Design.Gaen);
        var robert = Run(Design.Robert);
        Assert.True(gaen.Uploads > 20);
        Assert.Equal(0, gaen.Privacy.ServerGraphEdgeFraction);
        Assert.True(robert.Privacy.ServerGraphEdgeFraction > 0);
        Assert.True(robert.Privacy.ServerGraphNodeFraction > gaen.Privacy.ServerGraphNodeFraction);
        Assert.True(robert.Privacy.ServerLinkedFraction > 5 * gaen.Privacy.ServerLinkedFraction);
        Assert.InRange(robert.Privacy.ServerLinkedFraction, 0.45, 0.55);
        Assert.True(gaen.Privacy.SnifferLocatedUploaderFraction > 0);
        Assert.Equal(0, robert.Privacy.SnifferLocatedUploaderFraction);
        Assert.Equal(1, gaen.Privacy.ReplayAccepted30Minutes);
        Assert.Equal(0, gaen.Privacy.ReplayAccepted3Hours);
        Assert.Equal(0, robert.Privacy.ReplayAccepted30Minutes);
        Assert.True(gaen.Privacy.ObserverPosteriorWithChaff < 0.5);
        Assert.True(gaen.Privacy.ObserverIdentifiedWithoutChaff > gaen.Privacy.ObserverIdentifiedWithChaff);
    }

    [Fact]
    public void Phones_left_on_hooks_cause_false_alerts()
    {
        var none = Run(Design.Gaen, leftBehind: 0);
        var many = Run(Design.Gaen, leftBehind: 0.3);
        Assert.Equal(0, none.LeftBehindAlerts);
        Assert.True(many.LeftBehindAlerts > 0);
        Assert.True(many.FalseAlertsPerTrueAlert > none.FalseAlertsPerTrueAlert);
    }
}
