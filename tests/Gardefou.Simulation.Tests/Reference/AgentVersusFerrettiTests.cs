using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Reference;

namespace Gardefou.Simulation.Tests.Reference;

public sealed class AgentVersusFerrettiTests
{
    // Mean number of people infected by those infected in the first days (little depletion yet).
    private static double EarlyR(bool isolate)
    {
        var pop = TestScenarios.Town("Montpellier", 60_000);
        var unmitigated = TestScenarios.Unmitigated(32);
        var parameters = unmitigated with
        {
            Disease = unmitigated.Disease with { R0 = 2.0, InitialInfected = 300, InfectiousnessDispersion = 0 },
            Interventions = unmitigated.Interventions with
            {
                SelfIsolationCompliance = isolate ? 1.0 : 0.0,
                IsolationKeepsHouseholdContacts = false,
                IsolationDays = 40,
                TestSeeking = 0,
            },
        };
        var sim = new Simulator(parameters, pop);
        sim.Run(cancellationToken: TestContext.Current.CancellationToken);
        var s = sim.State;
        var offspring = new int[pop.Count];
        for (var i = 0; i < pop.Count; i++)
        {
            if (s.Infector[i] >= 0)
            {
                offspring[s.Infector[i]]++;
            }
        }
        var cohort = Enumerable.Range(0, pop.Count).Where(i => s.InfectedDay[i] != AgentState.Never && s.InfectedDay[i] <= 4).ToList();
        return cohort.Average(i => offspring[i]);
    }

    [Fact]
    public void Instant_isolation_cuts_R_in_the_agent_model_as_in_the_renewal_model()
    {
        var expected = new FerrettiModel().ReproductionNumber(2.0, 1.0, 0.0) / 2.0;
        var measured = EarlyR(isolate: true) / EarlyR(isolate: false);
        Assert.InRange(measured, expected - 0.1, expected + 0.1);
    }
}
