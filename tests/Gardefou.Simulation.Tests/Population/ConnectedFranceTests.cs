using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Tests.Population;

public sealed class ConnectedFranceTests
{
    // Whole communes sampled from all of France are scattered over every département: without travel between them,
    // the seeds' communes burn out alone and most of the sample is never reached.
    [Fact]
    public void A_sample_of_France_is_one_epidemic_that_reaches_most_of_its_communes()
    {
        var populationParameters = new PopulationParameters { Size = 40_000 };
        var communes = PlaceSelection.Resolve(CommuneCatalog.France, populationParameters, 5);
        var pop = PopulationBuilder.Build(communes, populationParameters, 5);
        var parameters = TestScenarios.Unmitigated(150, seed: 5) with
        {
            Disease = TestScenarios.Unmitigated(150).Disease with { R0 = 2.5, InitialInfected = 20 },
        };
        var sim = new Simulator(parameters, pop);
        var result = sim.Run(cancellationToken: TestContext.Current.CancellationToken);
        var reached = new HashSet<int>();
        for (var i = 0; i < pop.Count; i++)
        {
            if (sim.State.InfectedDay[i] != AgentState.Never)
            {
                reached.Add(pop.CommuneOf[i]);
            }
        }
        // People in communes reached by the epidemic, over everyone.
        var peopleReached = reached.Sum(c => pop.CommuneStart[c + 1] - pop.CommuneStart[c]) / (double)pop.Count;

        Assert.True(communes.Count >= 10, $"{communes.Count} communes");
        Assert.True(peopleReached > 0.8, $"{peopleReached:P0} of the people live in a commune the epidemic reached ({reached.Count} of {communes.Count} communes)");
        Assert.True(result.AttackRate > 0.5, $"attack rate {result.AttackRate:P0}");
    }
}
