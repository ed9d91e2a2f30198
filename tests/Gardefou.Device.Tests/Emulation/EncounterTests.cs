using Gardefou.Device.Emulation;
using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Emulation;

public sealed class EncounterTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);
    private LoopbackAuthority _authority = null!;

    public async ValueTask InitializeAsync() => _authority = await LoopbackAuthority.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _authority.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<(int A, int B)> MeetAsync(DateTimeOffset at, int minutes, double distance, Carriage carriage, int seed = 5)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new SimulatedClock(at);
        var a = await Phone.OpenAsync(_dir.Sub("a"), TestPhones.Options(clock, seed), ct);
        var b = await Phone.OpenAsync(_dir.Sub("b"), TestPhones.Options(clock, seed + 1), ct);
        return await Encounter.RunAsync(a, b, clock, at, TimeSpan.FromMinutes(minutes), distance, carriage, new Random(seed), ct: ct);
    }

    [Fact]
    public async Task Two_phones_that_met_two_days_ago_notify_after_one_reports()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await TestPhones.CreateAsync(_dir.Sub("a"), _clock, 1, _authority.SigningKey.PrivateKey, _authority.Url);
        var b = await TestPhones.CreateAsync(_dir.Sub("b"), _clock, 2, _authority.SigningKey.PrivateKey, _authority.Url);
        var meeting = TestPhones.Start.AddDays(-2).AddHours(3); // 2026-11-18 12:00 UTC

        var (heardByA, heardByB) = await MeetAsync(meeting, 20, 1.5, Carriage.Hand);

        Assert.Equal(4, heardByA); // one scan instance per 5-minute scan
        Assert.Equal(4, heardByB);
        Assert.Equal(1, (await b.Keys.GetKeysAsync(ct)).Count(k => k.Day == new DateOnly(2026, 11, 18)));

        _authority.AddCode("12345678");
        await b.ReportPositiveAsync("12345678", ct: ct);
        _authority.AddFile("1.zip", _authority.Export(_authority.PublishedKeys()));

        var result = await a.CheckExposureAsync(ct);
        Assert.True(result.Exposed);
        Assert.Equal([new DateOnly(2026, 11, 18)], result.Days);

        // B never met a positive: its own check finds nothing (it does not match its own keys either).
        Assert.False((await b.CheckExposureAsync(ct)).Exposed);
    }

    [Fact]
    public async Task A_brief_or_distant_encounter_does_not_notify()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await TestPhones.CreateAsync(_dir.Sub("a"), _clock, 1, _authority.SigningKey.PrivateKey, _authority.Url);
        var b = await TestPhones.CreateAsync(_dir.Sub("b"), _clock, 2, _authority.SigningKey.PrivateKey, _authority.Url);
        await MeetAsync(TestPhones.Start.AddDays(-3), 5, 1.0, Carriage.Hand);
        await MeetAsync(TestPhones.Start.AddDays(-2), 30, 12, Carriage.Bag);

        _authority.AddCode("12345678");
        await b.ReportPositiveAsync("12345678", ct: ct);
        _authority.AddFile("1.zip", _authority.Export(_authority.PublishedKeys()));

        Assert.False((await a.CheckExposureAsync(ct)).Exposed);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_observations()
    {
        var ct = TestContext.Current.CancellationToken;
        await TestPhones.CreateAsync(_dir.Sub("a"), _clock, 1, _authority.SigningKey.PrivateKey, _authority.Url);
        await TestPhones.CreateAsync(_dir.Sub("b"), _clock, 2, _authority.SigningKey.PrivateKey, _authority.Url);
        await MeetAsync(TestPhones.Start.AddHours(-5), 30, 2, Carriage.Pocket, seed: 9);
        await MeetAsync(TestPhones.Start.AddHours(-3), 30, 2, Carriage.Pocket, seed: 9);

        var a = await Phone.OpenAsync(_dir.Sub("a"), TestPhones.Options(_clock), ct);
        var all = await a.Observations.GetAllAsync(ct);
        // Pockets at 2 m lose some scans below the receiver's sensitivity, the same ones both times.
        Assert.InRange(all.Count, 2, 12);
        var half = all.Count / 2;
        Assert.Equal(2 * half, all.Count);
        // Different identifiers (hours apart), identical signal strengths.
        Assert.Equal(all.Take(half).Select(o => (o.MaxRssiDbm, o.MeanRssiDbm)), all.Skip(half).Select(o => (o.MaxRssiDbm, o.MeanRssiDbm)));
        Assert.Empty(all.Take(half).Select(o => o.Rpi).Intersect(all.Skip(half).Select(o => o.Rpi)));
    }
}
