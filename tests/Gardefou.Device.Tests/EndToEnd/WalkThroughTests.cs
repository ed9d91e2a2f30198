using System.Net.Http.Json;
using System.Text.Json;
using Gardefou.Device.Emulation;
using Gardefou.Device.Network;
using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Gardefou.Server;
using Gardefou.Verification;

namespace Gardefou.Device.Tests.EndToEnd;

/// <summary>
/// The README walk-through, automated over real HTTP against the real server (<see cref="GardefouHost"/> with every
/// role on 127.0.0.1:0, hosted by tests/Shared/LoopbackHost, and a 2-second export period): a lab issues a code, two
/// phones meet two days ago, one reports, the server exports and signs, the other phone downloads, verifies, matches
/// and is notified with the day only.
/// </summary>
public sealed class WalkThroughTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public Task Walk_through_on_SQLite() => RunAsync(postgres: null);

    [Fact]
    public async Task Walk_through_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateOrSkipAsync();
        await RunAsync(database.ConnectionString);
    }

    private async Task RunAsync(string? postgres)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, exportPeriod: TimeSpan.FromSeconds(2), postgres: postgres, dataDirectory: _dir.Sub("server"));
        var server = host.BaseAddress;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // A lab issues a code with its API key.
        var apiKey = await host.Services.CreateApiKeyAsync("demo", "device-e2e", ct);
        using var issue = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/issue"))
        {
            Content = JsonContent.Create(new { testType = "confirmed", testDate = DateTime.UtcNow.ToString("yyyy-MM-dd") }),
        };
        issue.Headers.Add("X-API-Key", apiKey.Key);
        using var issued = await http.SendAsync(issue, ct);
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync(ct));
        var code = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("code").GetString()!;

        // Two phones set up against the server (each pins its export key), meet two days ago at 1.5 m for 20 minutes.
        var phoneOptions = new PhoneOptions { Http = http, Retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)) };
        var alice = await Phone.InitializeAsync(_dir.Sub("alice"), new PhoneSetup(server), phoneOptions, ct);
        var bob = await Phone.InitializeAsync(_dir.Sub("bob"), new PhoneSetup(server), phoneOptions, ct);
        var meeting = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-2).AddHours(12), TimeSpan.Zero);
        var clock = new SimulatedClock(meeting);
        await Encounter.RunAsync(
            await Phone.OpenAsync(alice.DataDirectory, phoneOptions with { Clock = clock, Random = new Random(1) }, ct),
            await Phone.OpenAsync(bob.DataDirectory, phoneOptions with { Clock = clock, Random = new Random(2) }, ct),
            clock, meeting, TimeSpan.FromMinutes(20), 1.5, Carriage.Hand, new Random(3), ct: ct);

        // Bob tests positive and reports with the code.
        var report = await bob.ReportPositiveAsync(code, ct: ct);
        Assert.Contains(DateOnly.FromDateTime(meeting.UtcDateTime), report.Days);

        // Alice checks until the export worker has published Bob's keys.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var result = await alice.CheckExposureAsync(ct);
        while (!result.Exposed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, ct);
            result = await alice.CheckExposureAsync(ct);
        }
        Assert.True(result.Exposed, "Alice was not notified within 60 s");
        Assert.Equal([DateOnly.FromDateTime(meeting.UtcDateTime)], result.Days);

        // The code was single use; Bob, who met nobody positive, is not notified.
        await Assert.ThrowsAsync<PhoneException>(() => bob.ReportPositiveAsync(code, ct: ct));
        Assert.False((await bob.CheckExposureAsync(ct)).Exposed);

        // Dummy uploads go through the real server too (three requests with X-Chaff, answered, stored nowhere).
        var carol = await Phone.InitializeAsync(_dir.Sub("carol"), new PhoneSetup(server), phoneOptions with { ChaffCheckInterval = TimeSpan.FromMilliseconds(100), ChaffProbability = 1 }, ct);
        await Task.Delay(500, ct);
        Assert.True(await carol.SendDueChaffAsync(ct));
    }
}
