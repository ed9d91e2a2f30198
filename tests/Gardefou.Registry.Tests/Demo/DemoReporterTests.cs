using Gardefou.Registry.Demo;
using Gardefou.Registry.Model;
using Gardefou.Registry.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Registry.Tests.Demo;

public sealed class DemoReporterTests
{
    private const int DemoSites = 600;

    /// <summary>Share of the test and mask numbers of demo sites that are fresh now (beds live 12 h and would hide it).</summary>
    private static (int Fresh, int Total) FreshShortLivedNumbers(RegistryServer server)
    {
        var now = server.Time.GetUtcNow();
        int fresh = 0, total = 0;
        foreach (var site in server.State.Index.Snapshot())
        {
            foreach (var c in site.Capacity)
            {
                if (c is null || c.Type.Category == ResourceCategory.Bed)
                {
                    continue;
                }
                total++;
                if (!server.State.Freshness.IsStale(c.Type.Category, c.CheckedAt, c.ValidUntil, now))
                {
                    fresh++;
                }
            }
        }
        return (fresh, total);
    }

    /// <summary>Advances the fake clock one reporter tick at a time, waiting for each round's writes to commit.</summary>
    private static async Task RunForAsync(RegistryServer server, TimeSpan span)
    {
        var reporter = server.App.Services.GetRequiredService<DemoReporter>();
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += DemoReporter.Tick)
        {
            var rounds = reporter.Rounds;
            server.Time.Advance(DemoReporter.Tick);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (reporter.Rounds == rounds && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            Assert.True(reporter.Rounds > rounds, "the demo reporter did not run its round");
        }
    }

    [Fact]
    public async Task Demo_sites_keep_reporting_so_the_page_shows_mostly_fresh_numbers_and_some_unverified_ones_an_hour_later()
    {
        await using var server = await RegistryServer.StartAsync(demoSites: DemoSites);
        var atStart = FreshShortLivedNumbers(server);

        await RunForAsync(server, TimeSpan.FromMinutes(60));
        var (fresh, total) = FreshShortLivedNumbers(server);

        // The schedule's arithmetic (DemoSchedule): 75 % always fresh, 17 % fresh about 2/3 of the time, 8 % silent.
        Assert.InRange(fresh / (double)total, 0.75, 0.95);
        Assert.InRange(atStart.Fresh / (double)atStart.Total, 0.75, 0.97);
        var reporter = server.App.Services.GetRequiredService<DemoReporter>();
        Assert.True(reporter.Reports > DemoSites, $"only {reporter.Reports} reports in an hour");
        // Reports went through the real write path: durable, marked as simulated.
        var start = RegistryServer.Start;
        var demoRows = await server.WithDbAsync(db => db.Observations.Where(o => o.Method == ObservationMethod.Demo && o.Source == "demo").Select(o => o.CheckedAt).ToListAsync(TestContext.Current.CancellationToken));
        var written = demoRows.Count(t => t > start + TimeSpan.FromMinutes(1)); // SQLite cannot compare offsets in SQL
        Assert.True(written >= reporter.Reports, $"{written} demo rows for {reporter.Reports} site reports");
    }

    [Fact]
    public async Task Without_the_reporter_the_seeded_numbers_all_age_out_within_the_hour()
    {
        await using var server = await RegistryServer.StartAsync(demoSites: DemoSites, settings: new() { ["Registry:DemoReporting"] = "false" });

        server.Time.Advance(TimeSpan.FromMinutes(60));
        var (fresh, total) = FreshShortLivedNumbers(server);

        Assert.True(total > DemoSites);
        Assert.Equal(0, fresh);
        Assert.Equal(0, server.App.Services.GetRequiredService<DemoReporter>().Reports);
    }

    [Fact]
    public void A_sites_rhythm_follows_from_its_id_alone_in_the_documented_shares()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => $"demo-69123-{i:D6}").ToList();
        var profiles = ids.GroupBy(DemoSchedule.ProfileOf).ToDictionary(g => g.Key, g => g.Count() / (double)ids.Count);

        Assert.InRange(profiles[DemoProfile.Silent], 0.06, 0.10);
        Assert.InRange(profiles[DemoProfile.Late], 0.15, 0.19);
        Assert.InRange(profiles[DemoProfile.Regular], 0.73, 0.77);
        Assert.Equal(ids.Select(DemoSchedule.ProfileOf), ids.Select(DemoSchedule.ProfileOf));
    }
}
