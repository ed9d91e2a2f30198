using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

public sealed class CalibratedScenarioTests
{
    // NHS COVID-19 app, autumn 2020 (Wymant et al. 2021): 28% of the population, 72% of positives upload,
    // 4.2 notifications per consenting index case, 6% of notified contacts later positive.
    [Fact]
    public void NHS_like_deployment_reports_the_notification_cascade_next_to_the_published_one()
    {
        var pop = TestScenarios.Town("Nantes", 40_000);
        var parameters = new SimulationParameters
        {
            Seed = 5,
            Days = 90,
            Disease = new DiseaseParameters { InitialInfected = 80, R0 = 1.8 },
            App = new AppParameters { Adoption = 0.28, UploadFraction = 0.72 },
        };
        var result = new Simulator(parameters, pop).Run(cancellationToken: TestContext.Current.CancellationToken);
        var summary = $"model: {result.NotificationsPerUpload:F2} notifications per upload (NHS 4.2), positive among notified {result.PositiveAmongNotified:P1} (NHS and CWA 6%), infected {result.SecondaryAttackRateNotified:P1}, "
            + $"{result.Uploads} uploads, {result.Infections} infections, false alerts per true alert {result.FalseAlertsPerTrueAlert:F2}";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(result.Uploads >= 30, summary);
        Assert.InRange(result.NotificationsPerUpload, 2.0, 8.5);
        Assert.InRange(result.PositiveAmongNotified, 0.02, 0.15);
    }
}
