using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Tests.Population;

public sealed class PopulationBuilderTests
{
    [Fact]
    public void Scaled_town_has_the_requested_size_and_an_INSEE_like_age_structure()
    {
        var pop = TestScenarios.Town("Rennes", 20_000);
        Assert.InRange(pop.Count, 19_990, 20_010);
        var pyramid = new PopulationParameters().AgePyramid;
        var histogram = pop.AgeHistogram();
        for (var band = 0; band < 9; band++)
        {
            Assert.InRange(histogram[band] / (double)pop.Count, pyramid[band] - 0.05, pyramid[band] + 0.05);
        }
    }

    [Fact]
    public void Households_are_contiguous_and_groups_are_consistent()
    {
        var pop = TestScenarios.Town("Rennes", 20_000);
        for (var i = 0; i < pop.Count; i++)
        {
            var start = pop.HouseholdStart[i];
            Assert.InRange(i, start, start + pop.HouseholdSize[i] - 1);
            var g = pop.DayGroup[i];
            if (g >= 0)
            {
                Assert.Equal(i, pop.DayGroups.Members[pop.DayGroups.Start[g] + pop.DaySlot[i]]);
            }
        }
        Assert.Contains(pop.DayGroups.Kind, k => k == Setting.School);
        Assert.Contains(pop.DayGroups.Kind, k => k == Setting.Work);
    }

    [Fact]
    public void A_departement_builds_commuting_between_its_communes()
    {
        var parameters = new PopulationParameters { Places = ["48"], Size = 5_000 };
        var communes = PlaceSelection.Resolve(CommuneCatalog.France, parameters, 3);
        var pop = PopulationBuilder.Build(communes, parameters, 3);
        var teamsAcrossCommunes = 0;
        for (var g = 0; g < pop.DayGroups.Count; g++)
        {
            var members = pop.DayGroups.Members.AsSpan(pop.DayGroups.Start[g], pop.DayGroups.Size(g)).ToArray();
            if (members.Select(m => pop.CommuneOf[m]).Distinct().Count() > 1)
            {
                teamsAcrossCommunes++;
            }
        }
        Assert.True(teamsAcrossCommunes > 0);
        Assert.True(pop.TransportGroups.Members.Length > 0);
    }

    [Fact]
    public void Whole_country_sample_keeps_real_communes()
    {
        var parameters = new PopulationParameters { Size = 50_000 };
        var communes = PlaceSelection.Resolve(CommuneCatalog.France, parameters, 1);
        Assert.True(communes.Sum(c => (long)c.Population) >= 50_000);
        Assert.True(communes.Count < 1000);
    }
}
