using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

public sealed class DeterminismTests
{
    private static SimulationParameters Scenario(ulong seed, int threads) => new()
    {
        Seed = seed,
        Days = 60,
        Threads = threads,
        Disease = new DiseaseParameters { InitialInfected = 30, R0 = 3 },
        App = new AppParameters { Adoption = 0.4 },
    };

    private static string Fingerprint(SimulationParameters parameters)
    {
        var pop = TestScenarios.Town("Angers", 15_000, parameters.Seed);
        var sim = new Simulator(parameters, pop);
        var result = sim.Run(cancellationToken: TestContext.Current.CancellationToken);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(result with { Daily = result.Daily }));
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(result.Daily));
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(sim.State.InfectedDay));
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(sim.State.Infector));
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(sim.State.NotifiedDay));
        Assert.True(result.Infections > 30, "the epidemic must take off for the comparison to mean something");
        Assert.True(result.Notifications > 0);
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [Fact]
    public void Same_seed_gives_bit_identical_results_whatever_the_thread_count()
    {
        var first = Fingerprint(Scenario(11, 1));
        var second = Fingerprint(Scenario(11, 4));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_results()
    {
        Assert.NotEqual(Fingerprint(Scenario(11, 2)), Fingerprint(Scenario(12, 2)));
    }
}
