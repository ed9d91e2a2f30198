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
/// Recorded again after the population builder's fix of the over-60s' share (commit e0a24a8); the walker's
/// <c>Wants</c> filter (which only skips contacts whose visit would do nothing) was in place.
/// </summary>
public sealed class SimulatorRegressionTests
{
    public static TheoryData<string, string, string> Vectors => new()
    {
        {
            "gaen",
            "infections 3463, hospitalisations 239, deaths 26, tests 1571, positives 878, uploads 320, notifications 1564, true alerts 1113, left behind 6, notified infected 576, positive among notified 0.10166240409207161, quarantine days uninfected 21365, beta 1.2521420009333912",
            "B36EAF36B732EE9366E4BBD1DF250935DEEDC080A41F714853260211A824D13D"
        },
        {
            "robert-symptoms-household",
            "infections 2976, hospitalisations 199, deaths 25, tests 1831, positives 960, uploads 739, notifications 2459, true alerts 1811, left behind 29, notified infected 699, positive among notified 0.1142740951606344, quarantine days uninfected 42015, beta 1.335873820709442",
            "81236D2E36E3E129011AF1EEE8EE8371745B6ACA179A63C05151349332B54D8F"
        },
        {
            "location-lockdown",
            "infections 3157, hospitalisations 210, deaths 21, tests 1773, positives 912, uploads 248, notifications 2227, true alerts 724, left behind 1044, notified infected 561, positive among notified 0.06376290974405029, quarantine days uninfected 24222, beta 1.2776710727429221",
            "2CAAFC2962B5286C9CC8A20E98CD6BAE6FC83854094FE8838B3B23C35A9EA3FC"
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
