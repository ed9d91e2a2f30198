using Gardefou.Server.Tests.Support;
using Gardefou.Verification;

namespace Gardefou.Server.Tests.Keys;

/// <summary>
/// Thousands of malformed, oversized, wrongly typed and replayed requests to every endpoint (seeded, so a failure
/// replays): none gets a 5xx, and neither domain's database changes.
/// </summary>
public sealed class BadInputTests
{
    private const int Requests = 2000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Random_bad_requests_never_get_a_server_error_nor_change_stored_data()
    {
        // A clock that stands still: the worker never sees an export window or an hour close during the 2,000 requests,
        // so the stored data changes only if a bad request changed it (a run crossing the hour once failed here).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, PublishFlowTests.FastSettings(), TimeSpan.FromHours(1), clock: clock);
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var phone = new Phone(host.Client);
        var valid = await phone.PrepareUploadAsync(await phone.IssueCodeAsync(apiKey), Phone.DailyKeys(14));
        using (var first = await phone.PublishAsync(valid))
        {
            first.EnsureSuccessStatusCode();
        }
        var usedCode = valid.Code;
        var keysDb = Path.Combine(host.DataDirectory, "keys.db");
        var verificationDb = Path.Combine(host.DataDirectory, "verification.db");
        var before = (await DatabaseSnapshot.DigestAsync(keysDb), await DatabaseSnapshot.DigestAsync(verificationDb));

        var random = new Random(20261128);
        var generator = new BadRequests(random, valid, usedCode);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            using var request = generator.Next();
            var description = $"{request.Method} {request.RequestUri}";
            // Google's limit (64,000 bytes) on publish; the verification endpoints may allow up to 64 KiB.
            var oversized = request.Content?.Headers.ContentLength > Gardefou.Keys.Features.Publish.PublishApi.MaxRequestBytes;
            HttpResponseMessage response;
            try
            {
                response = await host.Client.SendAsync(request, Ct);
            }
            catch (HttpRequestException) when (oversized)
            {
                // The server refused the body (413) and closed the connection while the client was still sending it.
                continue;
            }
            using var disposeResponse = response;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"{status} for {description}: {await response.Content.ReadAsStringAsync(Ct)}");
            }
            else if (status is >= 400 and not 404 and not 405 && response.Content.Headers.ContentLength > 0
                && response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json" or "text/html"))
            {
                failures.Add($"{status} without problem details for {description}: {response.Content.Headers.ContentType}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
        Assert.True(statuses.Keys.All(s => s < 500), string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value}")));
        var after = (await DatabaseSnapshot.DigestAsync(keysDb), await DatabaseSnapshot.DigestAsync(verificationDb));
        Assert.Equal(before, after);
        Assert.Contains("Healthy", await host.Client.GetStringAsync("/health/ready", Ct), StringComparison.Ordinal);
    }
}
