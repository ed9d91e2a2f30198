using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

public sealed class SeedingTests
{
    [Fact]
    public void More_initial_infections_than_people_is_an_error_not_a_silent_clamp()
    {
        var pop = TestScenarios.Town("Vitré", 1_000);
        var parameters = new SimulationParameters { Days = 5, Disease = new DiseaseParameters { InitialInfected = 5_000 } };

        var error = Assert.Throws<ArgumentException>(() => new Simulator(parameters, pop));
        Assert.Contains("initial infections", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_asking_more_initial_infections_than_its_population_fails_validation()
    {
        var parameters = new SimulationParameters { Population = new PopulationParameters { Size = 1_000 }, Disease = new DiseaseParameters { InitialInfected = 5_000 } };

        Assert.Throws<ArgumentException>(parameters.Validate);
    }

    [Fact]
    public void Individual_infectiousness_is_as_dispersed_as_OpenABMs_baseline()
    {
        // OpenABM-Covid19's baseline parameters: sd_infectiousness_multiplier 1.4, a gamma of mean 1, variance 1.96.
        Assert.Equal(1 / (1.4 * 1.4), new DiseaseParameters().InfectiousnessDispersion, 2);
        var pop = TestScenarios.Town("Laval", 20_000);
        var parameters = TestScenarios.Unmitigated(1) with { Disease = TestScenarios.Unmitigated(1).Disease with { InitialInfected = 15_000, AsymptomaticFraction = 0 } };
        var sim = new Simulator(parameters, pop);
        sim.Run(cancellationToken: TestContext.Current.CancellationToken);
        var values = sim.State.Infectiousness.Where(v => v > 0).Select(v => (double)v).ToList();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);

        Assert.True(values.Count > 14_000);
        Assert.InRange(mean, 0.95, 1.05);
        Assert.InRange(variance, 1.96 * 0.85, 1.96 * 1.15);
    }
}
