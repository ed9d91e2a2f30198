using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

/// <summary>
/// Regression vectors recorded from the implementation BEFORE the Simulator was split into classes that own their
/// state (commit 95040e3, where Simulator was one class in seven partial files): the same seed must give the same
/// run, number for number and byte for byte. They pin the engine on today's synthetic population; a deliberate
/// change of the model or of the population builder must record them again (and say so in its commit).
/// </summary>
public sealed class SimulatorRegressionTests
{
    public static TheoryData<string, string, string> Vectors => new()
    {
        {
            "gaen",
            "infections 3495, hospitalisations 195, deaths 14, tests 1561, positives 863, uploads 299, notifications 1472, true alerts 1045, left behind 10, notified infected 547, positive among notified 0.10054347826086957, quarantine days uninfected 19591, beta 1.2143543541871678",
            "5AB41C00C6121B1D9A0641E07C0E9F4AC288455A7CC3C1858ABE4C38AA107383"
        },
        {
            "robert-symptoms-household",
            "infections 3149, hospitalisations 173, deaths 17, tests 1877, positives 1014, uploads 741, notifications 2517, true alerts 1857, left behind 25, notified infected 670, positive among notified 0.10409217322208979, quarantine days uninfected 42353, beta 1.307416949273129",
            "8F1B0C3D401863ED9C578237A6E680102556004AF30E4B5DF827601BEADF3CA9"
        },
        {
            "location-lockdown",
            "infections 3305, hospitalisations 179, deaths 23, tests 1755, positives 909, uploads 239, notifications 2146, true alerts 716, left behind 967, notified infected 593, positive among notified 0.07688723205964586, quarantine days uninfected 23424, beta 1.2105598643172226",
            "F2F9EDE071C9D2F1FCAFDF6CB1EE4FBE1E6E81AE4D3EFC23B71D164EEEA5C57C"
        },
    };

    private static SimulationParameters Scenario(string name) => name switch
    {
        "gaen" => new SimulationParameters
        {
            Seed = 5,
            Days = 90,
            Disease = new DiseaseParameters { InitialInfected = 20, R0 = 3 },
            App = new AppParameters { Adoption = 0.5 },
        },
        "robert-symptoms-household" => new SimulationParameters
        {
            Seed = 6,
            Days = 90,
            Disease = new DiseaseParameters { InitialInfected = 20, R0 = 3 },
            App = new AppParameters { Adoption = 0.6, Design = Design.Robert, UploadOnSymptoms = true, NotifiedHouseholdQuarantine = true, NotificationDelayDays = 0 },
        },
        "location-lockdown" => new SimulationParameters
        {
            Seed = 7,
            Days = 90,
            Disease = new DiseaseParameters { InitialInfected = 20, R0 = 3 },
            App = new AppParameters { Adoption = 0.4, Design = Design.Location, LaunchDay = 10 },
            Interventions = new InterventionParameters { LockdownTriggerPer100k = 20, LockdownDays = 21 },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static (string Summary, string Hash) Run(string name)
    {
        var parameters = Scenario(name);
        var sim = new Simulator(parameters, TestScenarios.Town("Angers", 5_000, parameters.Seed));
        var r = sim.Run(cancellationToken: TestContext.Current.CancellationToken);
        var summary = FormattableString.Invariant(
            $"infections {r.Infections}, hospitalisations {r.Hospitalisations}, deaths {r.Deaths}, tests {r.Tests}, positives {r.Positives}, uploads {r.Uploads}, notifications {r.Notifications}, true alerts {r.TrueAlerts}, left behind {r.LeftBehindAlerts}, notified infected {r.NotifiedInfected}, positive among notified {r.PositiveAmongNotified:R}, quarantine days uninfected {r.QuarantineDaysUninfected}, beta {r.Beta:R}");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var d = r.Daily;
        foreach (var series in new[] { d.Infections, d.Symptomatic, d.Hospitalisations, d.Deaths, d.Tests, d.Positives, d.Uploads, d.Notifications, d.FalseAlerts, d.Quarantined })
        {
            sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(series));
        }
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(d.Lockdown));
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(r.Privacy));
        var s = sim.State;
        foreach (var column in new[] { s.InfectedDay, s.NotifiedDay, s.ConfirmedDay, s.IsolationStart, s.IsolationEnd, s.QuarantineStart, s.QuarantineEnd })
        {
            sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(column));
        }
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(s.Infector));
        return (summary, Convert.ToHexString(sha.GetHashAndReset()));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_seeded_run_gives_the_same_result_as_the_implementation_before_the_split(string name, string expectedSummary, string expectedHash)
    {
        var (summary, hash) = Run(name);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {summary}; {hash}");
        Assert.Equal(expectedSummary, summary);
        Assert.Equal(expectedHash, hash);
    }
}
