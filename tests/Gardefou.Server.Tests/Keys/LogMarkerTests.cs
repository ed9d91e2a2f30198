using System.Text.RegularExpressions;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;

namespace Gardefou.Server.Tests.Keys;

/// <summary>
/// Issue 13: logs never say more than the database keeps. Markers are planted in every request (user agent, client
/// address, keys, secrets, an unusual key count); none may appear in any log line, and the key service writes no line
/// per upload (real, chaff or refused) and no key count per export.
/// </summary>
public sealed partial class LogMarkerTests
{
    private const string UserAgentMarker = "PlantedAgent-5e1d9c";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_planted_marker_reaches_the_logs_and_uploads_leave_no_line_of_their_own()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, PublishFlowTests.FastSettings(), TimeSpan.FromSeconds(2));
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        using var client = Clients.FromDistinctAddress(host.Host.BaseAddress);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgentMarker);
        var phone = new Phone(client);
        // 13 keys: a count that appears nowhere else, so any log line carrying it would be found.
        var upload = await phone.PrepareUploadAsync(await phone.IssueCodeAsync(apiKey), Phone.DailyKeys(13));

        var keyLines = KeyServiceLines(host);
        using (var real = await phone.PublishAsync(upload))
        {
            real.EnsureSuccessStatusCode();
        }
        using (var chaff = await phone.PublishAsync(upload, chaff: true))
        {
            chaff.EnsureSuccessStatusCode();
        }
        using (var refused = await phone.PublishAsync(upload with { Json = "{\"temporaryExposureKeys\":" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.Equal(keyLines, KeyServiceLines(host));

        var index = await Clients.WaitForNonEmptyAsync(client, "/v1/exports/index.txt", TimeSpan.FromSeconds(30));
        Assert.NotEmpty(index);
        var logs = host.LogLines.ToList();
        foreach (var marker in upload.Secrets.Append(apiKey).Append(UserAgentMarker).Append(Clients.ClientAddress.ToString()))
        {
            Assert.DoesNotContain(logs, line => line.Contains(marker, StringComparison.Ordinal));
        }
        var exportLines = logs.Where(l => l.Contains("Gardefou.Keys", StringComparison.Ordinal) && l.Contains("Export ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(exportLines);
        Assert.All(exportLines, line => Assert.Matches(ExportLine(), line));
    }

    private static int KeyServiceLines(LoopbackHost host) =>
        host.LogLines.Count(l => l.Contains("Gardefou.Keys", StringComparison.Ordinal) && !l.Contains("Export", StringComparison.Ordinal));

    // Series, window and file count only: no number that could be the real key count.
    [GeneratedRegex(@"\[110\] Export period window \S+ to \S+: \d+ files Series=period WindowStart=\S+ \S+ \S+ WindowEnd=\S+ \S+ \S+ Files=\d+ ")]
    private static partial Regex ExportLine();
}
