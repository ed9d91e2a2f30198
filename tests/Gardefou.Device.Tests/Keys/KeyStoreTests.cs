using Gardefou.Device.Keys;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Time;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Keys;

public sealed class KeyStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task One_key_per_UTC_day_starting_at_midnight()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);

        var morning = await phone.Keys.GetOrCreateCurrentKeyAsync(ct);
        _clock.Advance(TimeSpan.FromHours(14));
        var evening = await phone.Keys.GetOrCreateCurrentKeyAsync(ct);
        _clock.Advance(TimeSpan.FromHours(2));
        var nextDay = await phone.Keys.GetOrCreateCurrentKeyAsync(ct);

        Assert.Equal(morning, evening);
        Assert.True(morning.Validity.RollingStart.IsDayAligned);
        Assert.Equal(EnIntervalNumber.IntervalsPerDay, morning.Validity.RollingPeriod);
        Assert.Equal(new DateOnly(2026, 11, 20), morning.Day);
        Assert.NotEqual(morning.Key, nextDay.Key);
        Assert.Equal(morning.Validity.End, nextDay.Validity.RollingStart);
        Assert.Equal(2, (await phone.Keys.GetKeysAsync(ct)).Count);
    }

    [Fact]
    public async Task Keys_are_erased_fourteen_days_after_their_end()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var first = await phone.Keys.GetOrCreateCurrentKeyAsync(ct); // 2026-11-20, ends 2026-11-21T00:00Z

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 23, 50, 0, TimeSpan.Zero)); // 13 days 23 h 50 min after its end
        Assert.Equal(0, await phone.Keys.EraseExpiredAsync(ct));
        Assert.Contains(first, await phone.Keys.GetKeysAsync(ct));

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero)); // exactly 14 days after its end
        Assert.Equal(1, await phone.Keys.EraseExpiredAsync(ct));
        Assert.DoesNotContain(first, await phone.Keys.GetKeysAsync(ct));
    }

    [Fact]
    public async Task Release_cuts_the_current_key_short_and_starts_a_successor()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var older = await phone.Keys.GetOrCreateKeyAsync(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-2)), ct);
        // Now is 09:00, interval 54 of the day.
        var current = await phone.Keys.GetOrCreateCurrentKeyAsync(ct);

        var released = await phone.Keys.ReleaseAsync(ct);

        Assert.Equal(2, released.Count);
        Assert.Equal(older, released[0]);
        Assert.Equal(current.Key, released[1].Key);
        Assert.Equal(current.Validity.RollingStart, released[1].Validity.RollingStart);
        Assert.Equal(55, released[1].Validity.RollingPeriod); // intervals 0..54 were broadcast

        _clock.Advance(TimeSpan.FromMinutes(10));
        var successor = await phone.Keys.GetOrCreateCurrentKeyAsync(ct);
        Assert.NotEqual(current.Key, successor.Key);
        Assert.Equal(released[1].Validity.End, successor.Validity.RollingStart);
        Assert.Equal(current.Validity.End, successor.Validity.End);
    }

    [Fact]
    public async Task Past_keys_are_created_on_demand_within_the_retention_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var fiveDaysAgo = EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-5));

        var key = await phone.Keys.GetOrCreateKeyAsync(fiveDaysAgo, ct);
        Assert.True(key.Validity.Contains(fiveDaysAgo));
        Assert.True(key.Validity.RollingStart.IsDayAligned);
        Assert.Equal(key, await phone.Keys.GetOrCreateKeyAsync(fiveDaysAgo + 3, ct));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => phone.Keys.GetOrCreateKeyAsync(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-15)), ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => phone.Keys.GetOrCreateKeyAsync(EnIntervalNumber.Now(_clock) + 1, ct));
    }

    [Fact]
    public void Gap_around_an_interval_fills_only_the_uncovered_part_of_the_day()
    {
        var day = new EnIntervalNumber(2642976);
        var cut = new KeyValidity(day, 30);
        var later = new KeyValidity(day + 100, 44);

        var gap = KeyTimeline.GapAround(day + 50, [cut, later]);

        Assert.Equal(day + 30, gap.RollingStart);
        Assert.Equal(70, gap.RollingPeriod);
        Assert.Throws<InvalidOperationException>(() => KeyTimeline.GapAround(day + 10, [cut]));
    }

    [Fact]
    public void Cut_in_the_last_interval_of_the_day_has_no_successor()
    {
        var day = new EnIntervalNumber(2642976);
        var (released, successor) = KeyTimeline.CutAt(KeyValidity.FullDay(day), day + 143);
        Assert.Equal(144, released.RollingPeriod);
        Assert.Null(successor);
    }
}
