using System.Net;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Security;
using Gardefou.Verification.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Verification.Tests.Features;

/// <summary>Code guessing budgets: per client (IPv6 grouped by /64), per realm and over the whole service.</summary>
public sealed class GuessBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Addresses_of_one_ipv6_64_share_one_client_budget_and_ipv4_mapped_is_ipv4()
    {
        var throttle = new ClientThrottle(new FakeTimeProvider(TestServer.Start), perMinute: 2);

        Assert.True(throttle.TryAcquire(IPAddress.Parse("2001:db8:1:2::1"), out _));
        Assert.True(throttle.TryAcquire(IPAddress.Parse("2001:db8:1:2:ffff:eeee:dddd:cccc"), out _));
        Assert.False(throttle.TryAcquire(IPAddress.Parse("2001:db8:1:2:1234::9"), out _));
        Assert.True(throttle.TryAcquire(IPAddress.Parse("2001:db8:1:3::1"), out _));

        Assert.True(throttle.TryAcquire(IPAddress.Parse("192.0.2.1"), out _));
        Assert.True(throttle.TryAcquire(IPAddress.Parse("::ffff:192.0.2.1"), out _));
        Assert.False(throttle.TryAcquire(IPAddress.Parse("192.0.2.1"), out _));
        Assert.True(throttle.TryAcquire(IPAddress.Parse("192.0.2.2"), out _));
    }

    [Fact]
    public void Wrong_codes_are_capped_per_realm_and_globally_within_the_minute()
    {
        var time = new FakeTimeProvider(TestServer.Start);
        var budget = new GuessBudget(time, perRealmPerMinute: 3, globalPerMinute: 5);
        var north = new RealmScope(2);

        for (var i = 0; i < 3; i++)
        {
            Assert.False(budget.IsSpent(north, out _));
            budget.RecordWrongCode(north);
        }
        Assert.True(budget.IsSpent(north, out var retry));
        Assert.InRange(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.False(budget.IsSpent(RealmScope.Keyless, out _));
        budget.RecordWrongCode(RealmScope.Keyless);
        budget.RecordWrongCode(RealmScope.Keyless);
        Assert.True(budget.IsSpent(RealmScope.Keyless, out _));
        Assert.True(budget.IsSpent(new RealmScope(3), out _));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(budget.IsSpent(north, out _));
    }

    [Fact]
    public async Task Many_clients_together_cannot_guess_past_the_realm_budget_and_the_right_code_waits_a_minute()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:WrongCodesPerRealmPerMinute"] = "4" });
        var lab = await server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(server.Client, lab.Key);
        var wrong = code == "00000000" ? "00000001" : "00000000";

        for (var client = 0; client < 4; client++)
        {
            using var http = server.NewClient(from: IPAddress.Parse($"127.0.1.{client + 1}"));
            using var guess = await ApiCalls.VerifyAsync(http, wrong);
            Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        }
        using (var fresh = server.NewClient(from: IPAddress.Parse("127.0.2.1")))
        {
            using var blocked = await ApiCalls.VerifyAsync(fresh, code);
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        server.Time.Advance(TimeSpan.FromMinutes(1));
        using var later = await ApiCalls.VerifyAsync(server.Client, code);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        _ = Ct;
    }
}
