using Gardefou.Registry.Schedules;

namespace Gardefou.Registry.Tests.Schedules;

public sealed class WeeklyScheduleTests
{
    private static readonly TimeZoneInfo s_paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private const string Hours = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;OPENS=08:30;CLOSES=19:30\nFREQ=WEEKLY;BYDAY=SA;OPENS=22:00;CLOSES=02:00\nEXDATE=2026-12-25\nRDATE=2026-12-24;OPENS=09:00;CLOSES=12:00";

    [Theory]
    [InlineData("2026-11-30T07:29:00Z", false)] // Monday 08:29 in Paris
    [InlineData("2026-11-30T07:30:00Z", true)]
    [InlineData("2026-11-30T18:29:00Z", true)]
    [InlineData("2026-11-30T18:30:00Z", false)]
    [InlineData("2026-12-25T10:00:00Z", false)] // Christmas, a Friday, closed by EXDATE
    [InlineData("2026-12-24T10:00:00Z", true)] // Christmas Eve 11:00, the exception's hours
    [InlineData("2026-12-24T12:00:00Z", false)] // 13:00 on Christmas Eve: the weekly rule does not apply that day
    [InlineData("2026-12-06T00:30:00Z", true)] // Sunday 01:30: Saturday night's rule runs past midnight
    [InlineData("2026-12-06T12:00:00Z", false)]
    public void Opening_follows_weekly_rules_and_their_exceptions(string instant, bool open) =>
        Assert.Equal(open, WeeklySchedule.Parse(Hours).Value.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), s_paris));

    [Fact]
    public void No_hours_means_unknown_not_closed() =>
        Assert.Null(WeeklySchedule.Parse("").Value.IsOpen(DateTimeOffset.UnixEpoch, s_paris));

    [Theory]
    [InlineData("FREQ=DAILY;OPENS=08:00;CLOSES=09:00")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX;OPENS=08:00;CLOSES=09:00")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO;OPENS=8h;CLOSES=09:00")]
    [InlineData("EXDATE=2026-02-30")]
    [InlineData("garbage")]
    public void Malformed_rules_are_refused_with_a_reason(string text)
    {
        var parsed = WeeklySchedule.Parse(text);
        Assert.False(parsed.Succeeded);
        Assert.False(string.IsNullOrEmpty(parsed.Error));
    }
}
