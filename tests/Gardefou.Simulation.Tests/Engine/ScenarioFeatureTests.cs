using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

// The scenario features OpenABM's NHSX-like scenario needs (issue 15 point 1), each off by default.
public sealed class ScenarioFeatureTests
{
    private static SimulationParameters Outbreak(int days = 60) => new()
    {
        Seed = 4,
        Days = days,
        Disease = new DiseaseParameters { R0 = 2.5, InitialInfected = 60 },
        Interventions = new InterventionParameters { TestsPerThousandPerDay = 20 },
        App = new AppParameters { Adoption = 0.5 },
    };

    private static RunResult Run(SimulationParameters parameters) =>
        new Simulator(parameters, TestScenarios.Town("Angers", 15_000)).Run(cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void Every_feature_is_off_by_default()
    {
        var app = new AppParameters();
        var iv = new InterventionParameters();
        Assert.Equal(0, app.LaunchDay);
        Assert.Null(app.NotificationDelayDays);
        Assert.False(app.UploadOnSymptoms);
        Assert.False(app.NotifiedHouseholdQuarantine);
        Assert.Null(iv.LockdownStartDay);
        Assert.Equal(1, iv.ShieldingOver70ContactFactor);
    }

    [Fact]
    public void An_app_launched_on_day_30_uploads_and_notifies_nothing_before()
    {
        var result = Run(Outbreak() with { App = Outbreak().App with { LaunchDay = 30 } });

        Assert.All(result.Daily.Uploads.Take(30), u => Assert.Equal(0, u));
        Assert.All(result.Daily.Notifications.Take(30), n => Assert.Equal(0, n));
        Assert.True(result.Daily.Uploads.Skip(30).Sum() > 0);
        Assert.True(result.Daily.Notifications.Skip(30).Sum() > 0);
    }

    [Fact]
    public void A_lockdown_on_fixed_dates_covers_exactly_those_days_and_slows_the_epidemic()
    {
        var free = Run(Outbreak());
        var locked = Run(Outbreak() with { Interventions = Outbreak().Interventions with { LockdownStartDay = 10, LockdownEndDay = 40 } });

        Assert.Equal(Enumerable.Range(0, 60).Select(d => d is >= 10 and < 40), locked.Daily.Lockdown);
        Assert.True(locked.Infections < free.Infections * 0.8, $"{locked.Infections} with lockdown, {free.Infections} without");
    }

    [Fact]
    public void Notification_on_the_day_of_upload_comes_a_day_earlier_than_GAENs_daily_download()
    {
        var sameDay = Run(Outbreak(30) with { App = Outbreak().App with { NotificationDelayDays = 0 } });
        var gaen = Run(Outbreak(30));

        var firstUpload = Array.FindIndex(sameDay.Daily.Uploads, u => u > 0);
        Assert.Equal(firstUpload, Array.FindIndex(sameDay.Daily.Notifications, n => n > 0));
        Assert.Equal(Array.FindIndex(gaen.Daily.Uploads, u => u > 0) + 1, Array.FindIndex(gaen.Daily.Notifications, n => n > 0));
    }

    [Fact]
    public void Self_reported_symptoms_upload_without_any_test()
    {
        var noTests = Outbreak() with { Interventions = Outbreak().Interventions with { TestsPerThousandPerDay = 0 } };
        var onTests = Run(noTests);
        var onSymptoms = Run(noTests with { App = noTests.App with { UploadOnSymptoms = true } });

        Assert.Equal(0, onTests.Uploads);
        Assert.True(onSymptoms.Uploads > 50, $"{onSymptoms.Uploads} uploads");
        Assert.True(onSymptoms.Notifications > onSymptoms.Uploads);
    }

    [Fact]
    public void Notified_people_can_take_their_household_into_quarantine()
    {
        // Only the app orders quarantines here, so the households of notified people show.
        var appOnly = Outbreak() with { Interventions = Outbreak().Interventions with { HouseholdQuarantine = false, ManualTracing = false } };
        var alone = Run(appOnly);
        var household = Run(appOnly with { App = appOnly.App with { NotifiedHouseholdQuarantine = true } });

        Assert.True(household.Daily.Quarantined.Sum() > alone.Daily.Quarantined.Sum() * 1.5,
            $"{household.Daily.Quarantined.Sum()} quarantines with households, {alone.Daily.Quarantined.Sum()} without");
    }

    [Fact]
    public void Shielding_the_over_70s_protects_them_more_than_the_rest()
    {
        var pop = TestScenarios.Town("Angers", 15_000);
        double OldShare(SimulationParameters p)
        {
            var sim = new Simulator(p, pop);
            sim.Run(cancellationToken: TestContext.Current.CancellationToken);
            var old = Enumerable.Range(0, pop.Count).Where(i => pop.AgeBand[i] >= 7).ToList();
            return old.Count(i => sim.State.InfectedDay[i] != AgentState.Never) / (double)old.Count;
        }
        var open = Outbreak(90) with { App = new AppParameters() };
        var unshielded = OldShare(open);
        var shielded = OldShare(open with { Interventions = open.Interventions with { ShieldingOver70ContactFactor = 0.1 } });

        Assert.True(shielded < unshielded * 0.75, $"over-70s infected: {shielded:P1} shielded, {unshielded:P1} not");
    }
}
