using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

public sealed class QuarantineDaysTests
{
    // No epidemic to speak of (R0 0.01, one case): every isolation comes from symptoms of another cause, each person
    // is tested the day symptoms start and the negative result ends the isolation after the turnaround.
    private static SimulationParameters NoEpidemic(int turnaround, int isolationDays) => new()
    {
        Days = 60,
        Seed = 3,
        Disease = new DiseaseParameters { R0 = 0.01, InitialInfected = 1, OtherSymptomsPerDay = 0.002 },
        Interventions = new InterventionParameters
        {
            SelfIsolationCompliance = 1,
            TestSeeking = 1,
            TestsPerThousandPerDay = 1000,
            TestTurnaroundDays = turnaround,
            IsolationDays = isolationDays,
            ManualTracing = false,
            HouseholdQuarantine = false,
        },
    };

    [Fact]
    public void A_negative_test_ends_the_isolation_days_counted_for_the_uninfected()
    {
        var pop = TestScenarios.Town("Laval", 20_000);
        var result = new Simulator(NoEpidemic(turnaround: 2, isolationDays: 10), pop).Run(cancellationToken: TestContext.Current.CancellationToken);
        // About 0.2% of the people a day start an isolation that the negative result ends two days later.
        var expected = pop.Count * 0.002 * 60 * 2.0;

        Assert.True(result.Tests > 1000, $"{result.Tests} tests");
        Assert.InRange(result.QuarantineDaysUninfected, expected * 0.75, expected * 1.25);
    }

    [Fact]
    public void Uninfected_days_grow_with_the_turnaround_not_with_the_nominal_isolation()
    {
        var pop = TestScenarios.Town("Laval", 20_000);
        var fast = new Simulator(NoEpidemic(turnaround: 1, isolationDays: 10), pop).Run(cancellationToken: TestContext.Current.CancellationToken);
        var longer = new Simulator(NoEpidemic(turnaround: 1, isolationDays: 20), pop).Run(cancellationToken: TestContext.Current.CancellationToken);
        var slow = new Simulator(NoEpidemic(turnaround: 3, isolationDays: 10), pop).Run(cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(longer.QuarantineDaysUninfected, fast.QuarantineDaysUninfected * 0.9, fast.QuarantineDaysUninfected * 1.1);
        Assert.InRange(slow.QuarantineDaysUninfected, fast.QuarantineDaysUninfected * 2.5, fast.QuarantineDaysUninfected * 3.5);
    }
}
