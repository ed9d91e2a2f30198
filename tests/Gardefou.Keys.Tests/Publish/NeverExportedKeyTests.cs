using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Keys.Tests.Publish;

/// <summary>Issue 13: a key retention would delete before any export is never acknowledged; storage order says nothing.</summary>
public sealed class NeverExportedKeyTests
{
    /// <summary>The full-day key of 15 days ago: at the fixture's 10:17 it ended 14 days and 10 hours ago.</summary>
    private static ExposureKeyJson FifteenDaysOld(DateTimeOffset now) => new()
    {
        Key = TemporaryExposureKey.Generate().ToBase64(),
        RollingStartNumber = EnIntervalNumber.FromTime(now).DayStart.Value - (15 * 144),
        RollingPeriod = 144,
    };

    [Fact]
    public async Task A_key_that_ended_14_to_15_days_ago_is_not_counted_and_the_answer_says_partial_failure()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        var stale = FifteenDaysOld(now);
        var fresh = Uploads.DailyKeys(now, 3);
        var body = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, [stale, .. fresh]));

        Assert.Equal(3, body.RootElement.GetProperty("insertedExposures").GetInt32());
        Assert.Equal(PublishErrorCodes.PartialFailure, body.RootElement.GetProperty("code").GetString());
        Assert.StartsWith("key 0 ended more than 14 days ago", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await fixture.KeyCountAsync());
    }

    [Fact]
    public async Task An_upload_of_only_such_keys_is_refused_with_bad_request()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        await using var scope = fixture.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PublishService>()
            .PublishAsync(Uploads.Signed(fixture.Issuer, [FifteenDaysOld(now)]), false, CancellationToken.None);
        Assert.Equal(400, outcome.Status);
        using var body = System.Text.Json.JsonDocument.Parse(outcome.Body);
        Assert.Equal(PublishErrorCodes.BadRequest, body.RootElement.GetProperty("code").GetString());
        Assert.Contains("would never be exported", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.KeyCountAsync());
    }

    [Fact]
    public async Task Storage_order_does_not_follow_the_keys_time_order()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14)));
        var byRowId = await fixture.QueryAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT \"RollingStart\" AS \"Value\" FROM \"diagnosis_keys\" ORDER BY rowid").ToListAsync());
        // Before, rows went in sorted by start: rowid order was time order (1 chance in 14! of that by shuffle).
        Assert.Equal(14, byRowId.Count);
        Assert.NotEqual(byRowId.Order().ToList(), byRowId);
    }
}
