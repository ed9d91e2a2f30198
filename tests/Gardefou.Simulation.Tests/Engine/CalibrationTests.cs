using Gardefou.Simulation.Engine;

namespace Gardefou.Simulation.Tests.Engine;

public sealed class CalibrationTests
{
    [Fact]
    public void Early_generations_reproduce_the_configured_R0()
    {
        var pop = TestScenarios.Town("Nantes", 100_000);
        var parameters = TestScenarios.Unmitigated(45) with { Disease = TestScenarios.Unmitigated(45).Disease with { InitialInfected = 200 } };
        var sim = new Simulator(parameters, pop);
        sim.Run(cancellationToken: TestContext.Current.CancellationToken);
        var s = sim.State;
        var offspring = new Dictionary<int, int>();
        var cohort = new List<int>();
        for (var i = 0; i < pop.Count; i++)
        {
            if (s.InfectedDay[i] != AgentState.Never && s.InfectedDay[i] < 10)
            {
                cohort.Add(i);
            }
            if (s.Infector[i] >= 0)
            {
                offspring[s.Infector[i]] = offspring.GetValueOrDefault(s.Infector[i]) + 1;
            }
        }
        var r = cohort.Average(i => offspring.GetValueOrDefault(i));
        var daily = string.Join(",", s.InfectedDay.Where(d => d != AgentState.Never).GroupBy(d => d).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.True(r > parameters.Disease.R0 * 0.75 && r < parameters.Disease.R0 * 1.25, $"R measured {r:F2} over {cohort.Count} infections, beta {sim.Beta:F4}; daily {daily}");
    }
}
