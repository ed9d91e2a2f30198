using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Tests.Population;

/// <summary>
/// The built population follows the configured age pyramid band by band, the over-60s included: they carry most
/// deaths, and parents drawn only from 20–59 once left them about 35% short.
/// </summary>
public sealed class AgePyramidTests
{
    [Fact]
    public void A_French_town_matches_the_INSEE_pyramid_within_one_point_in_every_band()
    {
        var pop = TestScenarios.Town("Rennes", 60_000);
        AssertFollows(new PopulationParameters().AgePyramid, pop, tolerance: 0.01);
    }

    [Fact]
    public void OpenABMs_UK_pyramid_and_household_sizes_give_its_share_of_over_60s_within_one_point()
    {
        // OpenABM-Covid19's baseline population (population_0_9 … population_80, household_size_1 … 6).
        double[] uk = [8054000, 7528000, 8712000, 8835000, 8500000, 8968000, 7069000, 5488000, 3281000];
        double[] households = [7452, 9936, 4416, 4140, 1104, 552];
        var parameters = new PopulationParameters
        {
            Places = ["Rennes"],
            Size = 60_000,
            AgePyramid = [.. uk.Select(x => x / uk.Sum())],
            HouseholdSizes = [.. households.Select(x => x / households.Sum())],
        };
        var communes = PlaceSelection.Resolve(CommuneCatalog.France, parameters, 1);
        var pop = PopulationBuilder.Build(communes, parameters, 1);
        var histogram = pop.AgeHistogram();
        for (var band = 6; band < 9; band++)
        {
            Assert.InRange(histogram[band] / (double)pop.Count, parameters.AgePyramid[band] - 0.01, parameters.AgePyramid[band] + 0.01);
        }
    }

    private static void AssertFollows(IReadOnlyList<double> pyramid, SyntheticPopulation pop, double tolerance)
    {
        var histogram = pop.AgeHistogram();
        for (var band = 0; band < 9; band++)
        {
            Assert.InRange(histogram[band] / (double)pop.Count, pyramid[band] - tolerance, pyramid[band] + tolerance);
        }
    }
}
