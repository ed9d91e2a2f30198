using System.Net;
using System.Security.Cryptography;
using Gardefou.Hosting.SignIn;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Hosting.Tests.SignIn;

/// <summary>
/// The shared sign-in throttle on its own (issue 13 point 2): atomic reservations, no lockout of a known device,
/// the hashing cap, the memory bound. The domains' HTTP tests (registry admin, verification portal) cover the wiring.
/// </summary>
public sealed class SignInThrottleTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress s_attacker = IPAddress.Parse("203.0.113.66");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>All three budgets, with small numbers: 10 per client, 3 per (account, client), 5 per account for strangers.</summary>
    private static SignInPolicy Everything { get; } = new()
    {
        PerClient = new FailureBudget(10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
        PerAccountAndClient = new FailureBudget(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15)),
        PerAccountFromUnknownDevices = new FailureBudget(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
    };

    private static SignInThrottle Throttle(SignInPolicy? policy = null, FakeTimeProvider? time = null) =>
        new(policy ?? Everything, time ?? new FakeTimeProvider(s_start));

    private static IPAddress Address(int i) => new([198, 51, (byte)(i / 250), (byte)((i % 250) + 1)]);

    /// <summary>One wrong password through the throttle; false when it was refused unchecked.</summary>
    private static bool Fail(SignInThrottle throttle, string account, IPAddress? address, byte[]? device = null)
    {
        using var ticket = throttle.TryAdmit(account, address, device, out _);
        ticket?.Record(passwordRight: false);
        return ticket is not null;
    }

    [Fact]
    public async Task Thirty_concurrent_wrong_guesses_from_thirty_addresses_check_only_the_free_number_of_passwords()
    {
        var throttle = Throttle(Everything with { HashingQueueTimeout = TimeSpan.FromMinutes(1) });
        using var start = new Barrier(30);

        var checkedPasswords = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            using var ticket = throttle.TryAdmit("alice", Address(i), null, out _);
            if (ticket is null)
            {
                return 0;
            }
            var (ran, _) = await throttle.TryHashAsync(() => Rfc2898DeriveBytes.Pbkdf2("guess", new byte[16], 10_000, HashAlgorithmName.SHA256, 32), Ct);
            ticket.Record(passwordRight: false);
            return ran ? 1 : 0;
        }, Ct)));

        Assert.Equal(5, checkedPasswords.Sum());
        Assert.Equal(5, throttle.Hashes);
    }

    [Fact]
    public async Task Thirty_concurrent_wrong_guesses_from_one_client_check_only_its_free_failures_on_the_account()
    {
        var throttle = Throttle();
        using var start = new Barrier(30);

        var admitted = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(Ct);
            return Fail(throttle, "alice", s_attacker);
        }, Ct)));

        Assert.Equal(3, admitted.Count(a => a));
    }

    [Fact]
    public void A_known_device_is_never_delayed_by_an_attackers_failures_even_from_the_same_address()
    {
        var throttle = Throttle();
        var token = throttle.IssueDeviceToken(null, "alice");
        var device = throttle.KnownDevice(token, "alice");
        Assert.NotNull(device);

        for (var i = 0; i < 200; i++)
        {
            Fail(throttle, "alice", Address(i % 40));
            Fail(throttle, "alice", s_attacker);
        }
        Assert.Null(throttle.TryAdmit("alice", IPAddress.Parse("192.0.2.1"), null, out var strangerWait));

        using var owner = throttle.TryAdmit("alice", s_attacker, device, out _);
        Assert.NotNull(owner);
        Assert.True(strangerWait > TimeSpan.Zero);
    }

    [Fact]
    public void Each_failure_beyond_the_free_ones_doubles_the_wait_up_to_the_cap()
    {
        var budget = new FailureBudget(3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

        Assert.Equal(
            [0, 0, 5, 10, 20, 40, 60, 60, 60],
            Enumerable.Range(1, 9).Select(f => (int)budget.DelayAfter(f).TotalSeconds).ToArray());
    }

    [Fact]
    public void A_client_waits_the_announced_time_and_is_then_let_through_one_attempt_at_a_time()
    {
        var time = new FakeTimeProvider(s_start);
        var throttle = Throttle(new SignInPolicy { PerAccountAndClient = new FailureBudget(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15)) }, time);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Fail(throttle, "alice", s_attacker));
        }

        Assert.Null(throttle.TryAdmit("alice", s_attacker, null, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(5), wait);
        time.Advance(wait);
        using var first = throttle.TryAdmit("alice", s_attacker, null, out _);
        Assert.NotNull(first);
        Assert.Null(throttle.TryAdmit("alice", s_attacker, null, out _));
    }

    [Fact]
    public void A_success_clears_the_clients_own_budgets_but_not_the_strangers_budget_of_the_account()
    {
        var throttle = Throttle(new SignInPolicy
        {
            PerAccountAndClient = new FailureBudget(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15)),
            PerAccountFromUnknownDevices = new FailureBudget(4, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)),
        });
        Fail(throttle, "alice", s_attacker);
        Fail(throttle, "alice", s_attacker);
        Fail(throttle, "alice", IPAddress.Parse("192.0.2.9"));
        using (var right = throttle.TryAdmit("alice", s_attacker, null, out _))
        {
            right!.Record(passwordRight: true);
        }

        // The attacker's pair starts again from zero, but the account still counts the three strangers' failures.
        Assert.True(Fail(throttle, "alice", s_attacker));
        Assert.Null(throttle.TryAdmit("alice", IPAddress.Parse("192.0.2.10"), null, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(60), wait);
    }

    [Fact]
    public void An_attempt_whose_password_was_never_checked_counts_nothing()
    {
        var throttle = Throttle();
        for (var i = 0; i < 50; i++)
        {
            using var unchecked_ = throttle.TryAdmit("alice", s_attacker, null, out _);
            Assert.NotNull(unchecked_);
        }

        Assert.True(Fail(throttle, "alice", s_attacker));
    }

    [Fact]
    public void Letter_case_does_not_split_an_accounts_budget()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            Fail(throttle, i % 2 == 0 ? "alice" : "ALICE", s_attacker);
        }

        Assert.Null(throttle.TryAdmit("Alice", s_attacker, null, out _));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    public void Addresses_of_one_ipv6_64_or_one_ipv4_address_count_as_one_client(string first, string second, bool same)
    {
        var throttle = Throttle(new SignInPolicy { PerClient = new FailureBudget(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) });
        Fail(throttle, "alice", IPAddress.Parse(first));

        using var next = throttle.TryAdmit("bob", IPAddress.Parse(second), null, out _);

        Assert.Equal(same, next is null);
    }

    [Fact]
    public void A_device_is_never_confused_with_an_address()
    {
        var throttle = Throttle(new SignInPolicy { PerAccountAndClient = new FailureBudget(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) });
        Fail(throttle, "alice", null, device: [203, 0, 113, 7]);

        using var address = throttle.TryAdmit("alice", IPAddress.Parse("203.0.113.7"), null, out _);
        using var device = throttle.TryAdmit("alice", null, [203, 0, 113, 7], out _);

        Assert.NotNull(address);
        Assert.Null(device);
    }

    [Fact]
    public async Task The_hashing_cap_refuses_work_it_cannot_start_in_time_instead_of_queueing_it()
    {
        var throttle = Throttle(Everything with { HashingConcurrency = 1, HashingQueueTimeout = TimeSpan.FromMilliseconds(200) });
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => throttle.TryHashAsync(() => { started.Set(); release.Wait(Ct); return 0; }, Ct), Ct);
        started.Wait(Ct);

        var (ranWhileBusy, _) = await throttle.TryHashAsync(() => 1, Ct);

        Assert.False(ranWhileBusy);
        release.Set();
        Assert.True((await holder).Ran);
        var (ran, value) = await throttle.TryHashAsync(() => 42, Ct);
        Assert.True(ran);
        Assert.Equal(42, value);
        Assert.Equal(TimeSpan.FromMilliseconds(200), throttle.BusyRetryAfter);
    }

    [Fact]
    public async Task The_hashing_queue_is_bounded_so_a_flood_is_refused_at_once_rather_than_held()
    {
        var throttle = Throttle(Everything with { HashingConcurrency = 1, HashingQueueTimeout = TimeSpan.FromMinutes(5) });
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => throttle.TryHashAsync(() => { started.Set(); release.Wait(Ct); return 0; }, Ct), Ct);
        started.Wait(Ct);
        var queued = Enumerable.Range(0, 8).Select(_ => throttle.TryHashAsync(() => 1, Ct)).ToList();

        // Eight wait per slot; the ninth is refused although the queue timeout is minutes away.
        var (ranBeyondQueue, _) = await throttle.TryHashAsync(() => 1, Ct);

        Assert.False(ranBeyondQueue);
        release.Set();
        Assert.All(await Task.WhenAll(queued), r => Assert.True(r.Ran));
        await holder;
    }

    [Fact]
    public async Task No_more_hashes_run_at_once_than_the_cap_allows()
    {
        var throttle = Throttle(Everything with { HashingConcurrency = 2 });

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => throttle.HashAsync(() => { Thread.Sleep(5); return 0; }, Ct), Ct)));

        Assert.Equal(16, throttle.Hashes);
        Assert.InRange(throttle.HashingPeak, 1, 2);
        Assert.Equal(2, throttle.HashingSlots);
    }

    [Fact]
    public void A_full_table_makes_newcomers_wait_but_never_known_devices_and_idle_budgets_are_then_forgotten()
    {
        var time = new FakeTimeProvider(s_start);
        var throttle = Throttle(Everything with { MaxEntries = 20 }, time);
        var device = throttle.KnownDevice(throttle.IssueDeviceToken(null, "alice"), "alice");
        for (var i = 0; i < 40; i++)
        {
            Fail(throttle, $"user{i}", Address(i));
        }
        Assert.InRange(throttle.Count, 20, 22);

        Assert.Null(throttle.TryAdmit("bob", Address(100), null, out var wait));
        Assert.Equal(TimeSpan.FromMinutes(1), wait);
        using (var owner = throttle.TryAdmit("alice", Address(101), device, out _))
        {
            Assert.NotNull(owner);
        }

        // Under pressure an idle budget is forgotten after an hour (else a day).
        time.Advance(TimeSpan.FromHours(2));
        using var later = throttle.TryAdmit("bob", Address(100), null, out _);
        Assert.NotNull(later);
        Assert.True(throttle.Count < 20, $"{throttle.Count} budgets left");
    }

    [Fact]
    public void A_device_token_is_bound_to_its_account_and_cannot_be_edited_or_used_under_another_key()
    {
        var throttle = Throttle();
        var token = throttle.IssueDeviceToken(null, "alice");
        var edited = token[..30] + (token[30] == 'A' ? 'B' : 'A') + token[31..];

        Assert.NotNull(throttle.KnownDevice(token, "alice"));
        Assert.Null(throttle.KnownDevice(token, "bob"));
        Assert.Null(throttle.KnownDevice(token, "Alice"));
        Assert.Null(throttle.KnownDevice(edited, "alice"));
        Assert.Null(throttle.KnownDevice("not a token", "alice"));
        Assert.Null(throttle.KnownDevice(null, "alice"));
        Assert.Null(Throttle().KnownDevice(token, "alice"));
    }

    [Fact]
    public void A_domain_key_lets_device_tokens_outlive_the_process_that_issued_them()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var before = new SignInThrottle(Everything, TimeProvider.System, deviceKey: () => key);
        var after = new SignInThrottle(Everything, TimeProvider.System, deviceKey: () => key);

        var token = before.IssueDeviceToken(null, "alice");

        Assert.Equal(before.KnownDevice(token, "alice"), after.KnownDevice(token, "alice"));
        Assert.NotNull(after.KnownDevice(token, "alice"));
    }

    [Fact]
    public void One_browser_keeps_one_device_id_for_its_newest_eight_accounts()
    {
        var throttle = Throttle();
        string? token = null;
        for (var i = 0; i < 9; i++)
        {
            token = throttle.IssueDeviceToken(token, $"user{i}");
        }

        Assert.Null(throttle.KnownDevice(token, "user0"));
        var ids = Enumerable.Range(1, 8).Select(i => throttle.KnownDevice(token, $"user{i}")).ToList();
        Assert.All(ids, Assert.NotNull);
        Assert.Single(ids.Select(id => Convert.ToHexString(id!)).Distinct());
    }

    [Fact]
    public void A_policy_without_free_failures_is_refused_at_construction() =>
        Assert.Throws<ArgumentException>(() => Throttle(new SignInPolicy { PerClient = new FailureBudget(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) }));
}
