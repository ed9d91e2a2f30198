using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Reports;
using Gardefou.Simulation.Scenarios;

namespace Gardefou.Simulation.Tests.Engine;

/// <summary>Each notification rule moves the outcomes the way its definition says, on the same epidemic and seed.</summary>
public sealed class NotificationRuleTests
{
    private static SimulationParameters Outbreak(NotificationRule rule, double adoption = 0.5) => new()
    {
        Seed = 21,
        Days = 70,
        Disease = new DiseaseParameters { InitialInfected = 20, R0 = 2.5 },
        App = new AppParameters { Adoption = adoption, Rule = rule },
    };

    private static RunResult Run(SimulationParameters p) =>
        new Simulator(p, TestScenarios.Town("Angers", 5_000, p.Seed)).Run(cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void Any_heard_contact_notifies_more_people_than_the_GAEN_score_and_more_of_them_were_not_infected()
    {
        var gaen = Run(Outbreak(NotificationRule.Gaen));
        var any = Run(Outbreak(NotificationRule.AnyContact));

        Assert.True(gaen.Notifications > 20, $"GAEN notified {gaen.Notifications}");
        Assert.True(any.NotificationsPerUpload > 1.5 * gaen.NotificationsPerUpload, $"any-contact {any.NotificationsPerUpload:F2} vs GAEN {gaen.NotificationsPerUpload:F2} per upload");
        Assert.True(any.NotifiedNotInfectedShare > gaen.NotifiedNotInfectedShare, $"not infected among notified: any-contact {any.NotifiedNotInfectedShare:P1} vs GAEN {gaen.NotifiedNotInfectedShare:P1}");
        Assert.True(any.QuarantineDaysUninfected > gaen.QuarantineDaysUninfected, $"quarantine days of uninfected: {any.QuarantineDaysUninfected} vs {gaen.QuarantineDaysUninfected}");
    }

    [Fact]
    public void Manual_recall_notifies_household_members_first_and_nobody_without_recall()
    {
        var recall = Run(Outbreak(NotificationRule.ManualRecall));
        var nobody = Run(Outbreak(NotificationRule.ManualRecall) with { App = Outbreak(NotificationRule.ManualRecall).App with { RecallBySetting = [0, 0, 0, 0, 0] } });
        var householdOnly = Run(Outbreak(NotificationRule.ManualRecall) with { App = Outbreak(NotificationRule.ManualRecall).App with { RecallBySetting = [1, 0, 0, 0, 0] } });

        Assert.True(recall.Uploads > 10, $"uploads {recall.Uploads}");
        Assert.Equal(0, nobody.Notifications);
        Assert.True(householdOnly.Notifications > 0);
        Assert.True(recall.Notifications > householdOnly.Notifications, $"all settings {recall.Notifications} vs household only {householdOnly.Notifications}");
        // Household members share the most exposure: a larger share of them were infected than of contacts in general.
        Assert.True(householdOnly.NotifiedNotInfectedShare < recall.NotifiedNotInfectedShare,
            $"not infected: household only {householdOnly.NotifiedNotInfectedShare:P1} vs all settings {recall.NotifiedNotInfectedShare:P1}");
    }

    [Fact]
    public void The_stricter_SwissCovid_thresholds_notify_fewer_people_than_the_NHS_ones()
    {
        var nhs = Run(Outbreak(NotificationRule.Gaen) with { App = Outbreak(NotificationRule.Gaen).App with { Risk = RiskPresets.Nhs } });
        var swiss = Run(Outbreak(NotificationRule.Gaen) with { App = Outbreak(NotificationRule.Gaen).App with { Risk = RiskPresets.SwissCovid } });

        Assert.True(nhs.Notifications > swiss.Notifications, $"NHS {nhs.Notifications} vs SwissCovid {swiss.Notifications}");
    }

    [Fact]
    public void Presets_are_valid_GAEN_configurations_with_the_published_buckets()
    {
        foreach (var name in RiskPresets.Names)
        {
            Assert.Empty(RiskPresets.Of(name).Validate());
        }
        // Below 55 dB counts fully, 55 to 62 dB half, 63 dB and beyond not at all (NHS and CWA); SwissCovid 50/55.
        var nhs = new Protocol.Risk.RiskScorer(RiskPresets.Nhs);
        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.0], new[] { 40, 54, 55, 62, 63 }.Select(a => nhs.WeightOf(nhs.BucketOf(a))));
        var swiss = new Protocol.Risk.RiskScorer(RiskPresets.SwissCovid);
        Assert.Equal([1.0, 0.5, 0.0], new[] { 49, 50, 55 }.Select(a => swiss.WeightOf(swiss.BucketOf(a))));
        Assert.Throws<ArgumentException>(() => RiskPresets.Of("atlantis"));
    }

    [Fact]
    public void A_study_of_rules_runs_each_rule_at_each_uptake_and_the_report_plots_the_trade_off()
    {
        var plan = new ScenarioPlan
        {
            Base = Outbreak(NotificationRule.Gaen) with { Days = 50, Population = new PopulationParameters { Places = ["Vitré"], Size = 3_000 } },
            Adoption = [0, 0.5],
            Seeds = 1,
            Levers = false,
            Sweeps = new SweepPlan { NotificationRules = [NotificationRule.Gaen, NotificationRule.AnyContact, NotificationRule.ManualRecall] },
        };
        Assert.Equal(4, ScenarioRunner.CountRuns(plan));
        var records = ScenarioRunner.Run(plan, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, records.Count);
        Assert.Equal(["any-contact", "gaen", "manual-recall"], ReportWriter.RulePoints(plan, records).Select(p => p.Rule));

        var directory = Path.Combine(Path.GetTempPath(), "gardefou-rules-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var files = ReportWriter.Write(directory, plan, "Vitré", records);
            Assert.Contains(files, f => Path.GetFileName(f) == "notification-rules.png");
            var html = File.ReadAllText(Path.Combine(directory, "report.html"));
            Assert.Contains("alt=\"notification-rules.png\"", html, StringComparison.Ordinal);
            Assert.Contains("Notification rules: efficacy against false alerts and quarantine", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
