using Gardefou.Simulation.EndToEnd;
using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.EndToEnd;

/// <summary>
/// A small town run both ways on the same population and seed: the fast mode, and every app user carrying a real
/// Gardefou.Device phone against a real <c>gardefou serve</c> child process over HTTP.
/// </summary>
public sealed class EndToEndModeTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "gardefou-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    /// <summary>A seeded outbreak in a town of 1,000 with high adoption and enough tests for a few dozen uploads in 9 days.</summary>
    internal static SimulationParameters SmallTown(ulong seed = 3) => new()
    {
        Days = 9,
        Seed = seed,
        Disease = new DiseaseParameters { InitialInfected = 60, R0 = 2.5 },
        Interventions = new InterventionParameters { TestsPerThousandPerDay = 25, TestTurnaroundDays = 1 },
        App = new AppParameters { Adoption = 0.6, UploadFraction = 0.9 },
    };

    [Fact]
    public async Task Phones_notify_as_many_people_as_the_fast_mode_within_Poisson_tolerance()
    {
        var parameters = SmallTown();
        var population = TestScenarios.Town("Vitré", 1000);
        await using var server = await EndToEndServer.StartAsync(GardefouLauncher.ForDll(Path.Combine(AppContext.BaseDirectory, "gardefou.dll")), _work, Ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        var fast = new Simulator(parameters, population);
        var fastResult = fast.Run(cancellationToken: Ct);
        using var town = new DeviceTown(parameters, server, http, Path.Combine(_work, "phones"), Ct);
        var endToEnd = new Simulator(parameters, population, town);
        var endToEndResult = endToEnd.Run(cancellationToken: Ct);
        var comparison = new EndToEndComparison(fastResult, endToEndResult, town.Statistics);
        var devices = comparison.Devices;
        TestContext.Current.TestOutputHelper?.WriteLine($"{comparison}; {devices}");

        // Real work happened on the phones and the server.
        Assert.True(devices.Phones > 300, devices.ToString());
        Assert.True(devices.ScanInstances > devices.Phones, devices.ToString());
        Assert.Equal(endToEndResult.Uploads, devices.Reports);
        Assert.True(devices.FilesProcessed > 0 && devices.ExportsSeen > 0, devices.ToString());
        Assert.True(fastResult.Uploads >= 10 && fastResult.Notifications >= 20, comparison.ToString());
        Assert.True(devices.NotificationsShown >= endToEndResult.Notifications, devices.ToString());

        // Counts agree as two Poisson counts.
        Assert.True(comparison.Agrees, comparison.ToString());

        // Before the first notification the two runs are the same epidemic, so the first day's notifications come
        // from the same uploads and the same scans. The phones then notify everyone the fast mode's scorer notifies;
        // they may notify more, because a phone sums a day's windows over every key of an export file (GAEN's daily
        // sum) where the fast mode scores each uploader alone, and which uploads share a file depends on timing.
        var firstDay = fast.NotificationLog.Concat(endToEnd.NotificationLog).Min(n => n.Day);
        var fastFirst = fast.NotificationLog.Where(n => n.Day == firstDay).Select(n => n.Person).ToHashSet();
        var phoneFirst = endToEnd.NotificationLog.Where(n => n.Day == firstDay).Select(n => n.Person).ToHashSet();
        TestContext.Current.TestOutputHelper?.WriteLine($"day {firstDay}: fast {fastFirst.Count}, phones {phoneFirst.Count}, both {fastFirst.Intersect(phoneFirst).Count()}");
        Assert.Equal(fast.UploadLog.Where(u => u.Day < firstDay), endToEnd.UploadLog.Where(u => u.Day < firstDay));
        Assert.NotEmpty(fastFirst);
        Assert.Subset(phoneFirst, fastFirst);
    }

    [Theory]
    [InlineData(15, Design.Gaen, 0.5, 1000)]
    [InlineData(10, Design.Robert, 0.5, 1000)]
    [InlineData(10, Design.Gaen, 0, 1000)]
    [InlineData(10, Design.Gaen, 0.5, 5001)]
    public void Runs_the_server_cannot_serve_are_refused(int days, Design design, double adoption, int people)
    {
        var parameters = SmallTown() with { Days = days };
        parameters = parameters with { App = parameters.App with { Design = design, Adoption = adoption } };
        Assert.Throws<ArgumentException>(() => EndToEndRunner.Validate(parameters, people));
    }
}
