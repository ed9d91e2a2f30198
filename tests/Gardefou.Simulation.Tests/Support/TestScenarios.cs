using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Tests;

/// <summary>Small populations and parameter sets shared by the tests (built once per process and cached).</summary>
internal static class TestScenarios
{
    private static readonly Dictionary<(string, int, ulong), SyntheticPopulation> s_cache = [];

    /// <summary>No intervention at all: the natural epidemic.</summary>
    public static SimulationParameters Unmitigated(int days, ulong seed = 1) => new()
    {
        Days = days,
        Seed = seed,
        Disease = new DiseaseParameters { OtherSymptomsPerDay = 0, InitialInfected = 20 },
        Interventions = new InterventionParameters
        {
            SelfIsolationCompliance = 0,
            TestsPerThousandPerDay = 0,
            HouseholdQuarantine = false,
            ManualTracing = false,
        },
    };

    /// <summary>A population of about <paramref name="size"/> people in <paramref name="place"/>.</summary>
    public static SyntheticPopulation Town(string place, int size, ulong seed = 1)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue((place, size, seed), out var pop))
            {
                var parameters = new PopulationParameters { Places = [place], Size = size };
                pop = PopulationBuilder.Build(PlaceSelection.Resolve(CommuneCatalog.France, parameters, seed), parameters, seed);
                s_cache[(place, size, seed)] = pop;
            }
            return pop;
        }
    }
}
