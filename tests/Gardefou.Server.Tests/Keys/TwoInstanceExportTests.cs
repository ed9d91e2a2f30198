using System.Net;
using Gardefou.Protocol.Export;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;

namespace Gardefou.Server.Tests.Keys;

/// <summary>
/// The documented production layout: several key servers on one PostgreSQL database, each with its own data folder.
/// Whichever instance exported a window, every instance must serve every file the index lists.
/// </summary>
public sealed class TwoInstanceExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_file_either_instance_lists_is_served_with_the_same_bytes_by_both()
    {
        var admin = Environment.GetEnvironmentVariable("GARDEFOU_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip("PostgreSQL not available: set GARDEFOU_TEST_POSTGRES (CI does)");
        }
        await using var database = await PostgresDatabase.CreateAsync(admin);
        // One-second windows and both workers ticking every second: each window goes to whichever instance claims it first.
        await using var one = await LoopbackHost.StartAsync(GardefouRoles.All, PublishFlowTests.FastSettings(), TimeSpan.FromSeconds(1), database.ConnectionString);
        await using var two = await LoopbackHost.StartAsync(GardefouRoles.All, PublishFlowTests.FastSettings(), TimeSpan.FromSeconds(1), database.ConnectionString);
        Assert.NotEqual(one.DataDirectory, two.DataDirectory);

        var apiKey = (await one.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var lab = new Phone(one.Client);
        var published = new List<string>();
        for (var round = 0; round < 8; round++)
        {
            foreach (var host in new[] { one, two })
            {
                var phone = new Phone(host.Client);
                var upload = await phone.PrepareUploadAsync(await lab.IssueCodeAsync(apiKey), Phone.DailyKeys(3));
                using var response = await phone.PublishAsync(upload);
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
                published.AddRange(upload.Keys);
            }
            await Task.Delay(600, Ct);
        }

        var listed = await WaitForAllExportedAsync(one.Client, TimeSpan.FromSeconds(60));
        Assert.Equal(listed, (await two.Client.GetStringAsync("/v1/exports/index.txt", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var missing = 0;
        var exported = new HashSet<string>();
        foreach (var path in listed)
        {
            using var fromOne = await one.Client.GetAsync($"/v1/exports/{path}", Ct);
            using var fromTwo = await two.Client.GetAsync($"/v1/exports/{path}", Ct);
            missing += (fromOne.StatusCode == HttpStatusCode.NotFound ? 1 : 0) + (fromTwo.StatusCode == HttpStatusCode.NotFound ? 1 : 0);
            if (fromOne.IsSuccessStatusCode && fromTwo.IsSuccessStatusCode)
            {
                var bytes = await fromOne.Content.ReadAsByteArrayAsync(Ct);
                Assert.Equal(bytes, await fromTwo.Content.ReadAsByteArrayAsync(Ct));
                exported.UnionWith(ExportFileReader.Read(bytes).Batch.Keys.Select(k => k.Key.ToBase64()));
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{listed.Length} files listed, {missing} of {2 * listed.Length} requests answered 404");
        Assert.Equal(0, missing);
        Assert.Subset(exported, published.ToHashSet());
    }

    /// <summary>Polls the index until it stops growing (uploads have stopped, so every window is out).</summary>
    private static async Task<string[]> WaitForAllExportedAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var previous = -1;
        while (true)
        {
            var lines = (await client.GetStringAsync("/v1/exports/index.txt", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if ((lines.Length > 0 && lines.Length == previous) || DateTime.UtcNow > deadline)
            {
                return lines;
            }
            previous = lines.Length;
            await Task.Delay(2500, Ct);
        }
    }
}
