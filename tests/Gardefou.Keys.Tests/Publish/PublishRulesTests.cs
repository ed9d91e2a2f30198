using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Tests.Publish;

public sealed class PublishRulesTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 20, 10, 17, 0, TimeSpan.Zero);
    private static readonly int s_today = EnIntervalNumber.FromTime(s_now).DayStart.Value;

    private static PublishError? Check(IReadOnlyList<ExposureKeyJson>? keys) =>
        PublishRules.Validate(new PublishRequest { TemporaryExposureKeys = keys }, s_now).TryGetValue(out _, out var error) ? null : error;

    private static ExposureKeyJson Key(int start, int period = 144, int risk = 0, string? base64 = null) => new()
    {
        Key = base64 ?? TemporaryExposureKey.Generate().ToBase64(),
        RollingStartNumber = start,
        RollingPeriod = period,
        TransmissionRisk = risk,
    };

    [Fact]
    public void Fourteen_daily_keys_pass_and_come_back_sorted_by_start()
    {
        var keys = Uploads.DailyKeys(s_now, 14);
        keys.Reverse();
        Assert.True(PublishRules.Validate(new PublishRequest { TemporaryExposureKeys = keys }, s_now).TryGetValue(out var accepted, out var error), error?.Message);
        Assert.Equal(14, accepted.Length);
        Assert.True(accepted.Select(k => k.RollingStart).SequenceEqual(accepted.Select(k => k.RollingStart).Order()));
    }

    [Fact]
    public void No_keys_is_refused() => Assert.NotNull(Check([]));

    [Fact]
    public void Missing_key_list_is_refused() => Assert.NotNull(Check(null));

    [Fact]
    public void Thirty_keys_pass_and_thirty_one_are_refused()
    {
        // 30 keys in 15 days: two per day (a same-day release cuts a day into two keys with the same start).
        var thirty = Enumerable.Range(1, 15).SelectMany(d => new[] { Key(s_today - (d * 144), 72), Key(s_today - (d * 144), 144) }).ToList();
        Assert.Null(Check(thirty));
        thirty.Add(Key(s_today, 1));
        Assert.Contains("at most 30", Check(thirty)!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")] // 16 bytes without padding
    [InlineData("AAAAAAAAAAAAAAAAAAAA")] // 15 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAA")] // 18 bytes
    [InlineData("not base64 at all!!!!!==")]
    [InlineData("")]
    public void A_key_that_is_not_base64_of_16_bytes_is_refused(string base64) =>
        Assert.Contains("16 bytes", Check([Key(s_today - 144, base64: base64)])!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(145)]
    [InlineData(-1)]
    public void Rolling_period_outside_1_to_144_is_refused(int period) =>
        Assert.Contains("rollingPeriod", Check([Key(s_today - 144, period)])!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(144)]
    public void Rolling_period_at_the_bounds_passes(int period) => Assert.Null(Check([Key(s_today - 144, period)]));

    [Theory]
    [InlineData(9)]
    [InlineData(-1)]
    public void Transmission_risk_outside_0_to_8_is_refused(int risk) =>
        Assert.Contains("transmissionRisk", Check([Key(s_today - 144, risk: risk)])!.Message, StringComparison.Ordinal);

    [Fact]
    public void A_key_crossing_midnight_is_refused() =>
        Assert.Contains("day boundary", Check([Key(s_today - 144 + 10, 144)])!.Message, StringComparison.Ordinal);

    [Fact]
    public void A_key_starting_late_in_its_day_passes() => Assert.Null(Check([Key(s_today - 144 + 100, 44)]));

    [Fact]
    public void A_key_from_the_future_is_refused() =>
        Assert.Contains("future", Check([Key(EnIntervalNumber.FromTime(s_now).Value + 1, 1)])!.Message, StringComparison.Ordinal);

    [Fact]
    public void Todays_still_valid_key_passes() => Assert.Null(Check([Key(s_today, 144)]));

    [Fact]
    public void A_key_that_ended_more_than_15_days_ago_is_refused() =>
        Assert.Contains("older than 15 days", Check([Key(s_today - (17 * 144))])!.Message, StringComparison.Ordinal);

    [Fact]
    public void A_key_that_was_valid_15_days_ago_passes() => Assert.Null(Check([Key(s_today - (15 * 144))]));

    [Fact]
    public void Three_keys_may_share_a_start_but_not_four()
    {
        var start = s_today - 144;
        Assert.Null(Check([Key(start, 10), Key(start, 50), Key(start, 144)]));
        Assert.Contains("At most 3", Check([Key(start, 10), Key(start, 50), Key(start, 100), Key(start, 144)])!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_with_different_starts_must_not_overlap() =>
        Assert.Contains("overlap", Check([Key(s_today - 144, 100), Key(s_today - 144 + 50, 60)])!.Message, StringComparison.Ordinal);

    [Fact]
    public void The_same_key_twice_is_refused()
    {
        var base64 = TemporaryExposureKey.Generate().ToBase64();
        Assert.Contains("same key twice", Check([Key(s_today - 288, base64: base64), Key(s_today - 144, base64: base64)])!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_key_entry_is_refused() => Assert.NotNull(Check([null!]));
}
