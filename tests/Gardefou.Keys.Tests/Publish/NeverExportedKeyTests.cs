using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Certificates;
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

    [Fact]
    public async Task The_keys_of_an_upload_alone_in_its_commit_are_not_stored_side_by_side_once_their_hour_is_mixed()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var uploads = new List<HashSet<string>>();
        for (var i = 0; i < 3; i++)
        {
            // One at a time, each waited for: every upload is alone in its commit, as outside peaks.
            var keys = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14);
            await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, keys));
            uploads.Add([.. keys.Select(k => k.Key!)]);
        }

        // Appended as they came: each upload one block of consecutive rowids (what the hour mixing is for).
        var owners = Owners(await StoredAsync(fixture), uploads);
        Assert.Equal(42, owners.Count);
        Assert.All(Enumerable.Range(0, 3), upload => Assert.True(IsOneRun(owners, upload)));

        Assert.Equal(42, await MixClosedHourAsync(fixture));

        var stored = await StoredAsync(fixture);
        owners = Owners(stored, uploads);
        Assert.Equal(42, owners.Count);
        // In a random order of 3 x 14 rows one upload's 14 rows are one run with probability 29 / C(42, 14) < 6e-10.
        Assert.All(Enumerable.Range(0, 3), upload => Assert.False(IsOneRun(owners, upload), $"upload {upload} is still one run of rowids"));
        // A random order of 3 x 14 rows has about 29 runs; fewer than 12 happens less than once in a million.
        var runs = 1 + owners.Zip(owners.Skip(1)).Count(pair => pair.First != pair.Second);
        Assert.True(runs >= 12, $"only {runs} runs of the same upload in storage order");
    }

    [Fact]
    public async Task The_keys_a_revision_upload_adds_alone_in_its_commit_are_mixed_with_their_hour()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        var first = Uploads.DailyKeys(now, 4);
        var published = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, first, CertificateReportType.Likely));
        var token = published.RootElement.GetProperty("revisionToken").GetString();
        var others = new List<HashSet<string>>();
        for (var i = 0; i < 2; i++)
        {
            var keys = Uploads.DailyKeys(now, 14);
            await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, keys));
            others.Add([.. keys.Select(k => k.Key!)]);
        }

        // The device confirms its likely keys and adds 14 it had not sent: one upload, alone in its commit.
        var added = Uploads.DailyKeys(now, 14);
        var revision = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, [.. first, .. added], CertificateReportType.Confirmed, token));
        Assert.Equal(18, revision.RootElement.GetProperty("insertedExposures").GetInt32());
        List<HashSet<string>> uploads = [[.. added.Select(k => k.Key!)], .. others, [.. first.Select(k => k.Key!)]];

        Assert.Equal(46, await MixClosedHourAsync(fixture));

        var owners = Owners(await StoredAsync(fixture), uploads);
        Assert.Equal(46, owners.Count);
        // 14 given rows of 46 in random order are one run with probability 33 / C(46, 14) < 3e-10.
        Assert.False(IsOneRun(owners, 0), "the keys the revision added are still one run of rowids");
        var revised = await fixture.QueryAsync(db => db.DiagnosisKeys.AsNoTracking().Where(k => k.RevisedReportType != null).CountAsync());
        Assert.Equal(4, revised);
    }

    /// <summary>Runs the hour mixing as the worker does once the fixture's hour (10:00-11:00) is closed.</summary>
    private static async Task<int> MixClosedHourAsync(KeysFixture fixture)
    {
        var start = KeysFixture.Start;
        var closed = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour + 1, 6, 0, TimeSpan.Zero);
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HourMixer>().MixClosedHoursAsync(closed, TestContext.Current.CancellationToken);
    }

    private static Task<List<StoredRow>> StoredAsync(KeysFixture fixture) => fixture.QueryAsync(db => db.Database
        .SqlQueryRaw<StoredRow>("SELECT rowid AS \"RowId\", \"KeyData\" FROM \"diagnosis_keys\" ORDER BY rowid").ToListAsync());

    private static List<int> Owners(List<StoredRow> rows, List<HashSet<string>> uploads) =>
        [.. rows.Select(row => uploads.FindIndex(u => u.Contains(Convert.ToBase64String(row.KeyData))))];

    /// <summary>Whether <paramref name="upload"/>'s rows are one unbroken run in storage order.</summary>
    private static bool IsOneRun(List<int> owners, int upload) =>
        owners.LastIndexOf(upload) - owners.IndexOf(upload) == owners.Count(owner => owner == upload) - 1;

    /// <summary>A row's storage position and key, as read back from SQLite.</summary>
    private sealed record StoredRow(long RowId, byte[] KeyData);
}
