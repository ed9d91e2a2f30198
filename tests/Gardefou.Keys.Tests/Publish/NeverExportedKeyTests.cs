using Gardefou.Keys.Features.Publish;
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
    public async Task The_keys_of_an_upload_alone_in_its_commit_are_not_stored_side_by_side()
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

        var stored = await fixture.QueryAsync(db => db.Database
            .SqlQueryRaw<StoredRow>("SELECT rowid AS \"RowId\", \"KeyData\" FROM \"diagnosis_keys\" ORDER BY rowid").ToListAsync());
        Assert.Equal(42, stored.Count);
        var owners = stored.Select(row => uploads.FindIndex(u => u.Contains(Convert.ToBase64String(row.KeyData)))).ToList();
        // Before, rowids ran max + 1: each upload was one block of 14 consecutive rowids (3 runs of owners, spans of 13).
        foreach (var upload in Enumerable.Range(0, 3))
        {
            var ids = stored.Where((_, i) => owners[i] == upload).Select(row => row.RowId).ToList();
            Assert.True(ids.Max() - ids.Min() > 1L << 40, $"upload {upload}'s rowids span only {ids.Max() - ids.Min()}");
        }
        // A random order of 3 × 14 rows has about 29 runs; fewer than 12 happens less than once in a million.
        var runs = 1 + owners.Zip(owners.Skip(1)).Count(pair => pair.First != pair.Second);
        Assert.True(runs >= 12, $"only {runs} runs of the same upload in storage order");
    }

    [Fact]
    public async Task The_keys_a_revision_upload_adds_alone_in_its_commit_are_not_stored_side_by_side()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        var first = Uploads.DailyKeys(now, 4);
        var published = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, first, CertificateReportType.Likely));
        var token = published.RootElement.GetProperty("revisionToken").GetString();

        // The device confirms its likely keys and adds 14 it had not sent: one upload, alone in its commit.
        var added = Uploads.DailyKeys(now, 14);
        var revision = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, [.. first, .. added], CertificateReportType.Confirmed, token));
        Assert.Equal(18, revision.RootElement.GetProperty("insertedExposures").GetInt32());

        var stored = await fixture.QueryAsync(db => db.Database
            .SqlQueryRaw<StoredRow>("SELECT rowid AS \"RowId\", \"KeyData\" FROM \"diagnosis_keys\" ORDER BY rowid").ToListAsync());
        Assert.Equal(18, stored.Count);
        var addedKeys = added.Select(k => k.Key!).ToHashSet();
        var ids = stored.Where(row => addedKeys.Contains(Convert.ToBase64String(row.KeyData))).Select(row => row.RowId).ToList();
        Assert.Equal(14, ids.Count);
        // Before, they went through EF Core and got max + 1 rowids: 14 consecutive values (span 13). Fourteen random
        // 63-bit rowids span less than 2^40 with a probability below 14 x (2^-23)^13.
        Assert.True(ids.Max() - ids.Min() > 1L << 40, $"the added keys' rowids span only {ids.Max() - ids.Min()}");
        var revised = await fixture.QueryAsync(db => db.DiagnosisKeys.AsNoTracking().Where(k => k.RevisedReportType != null).CountAsync());
        Assert.Equal(4, revised);
    }

    /// <summary>A row's storage position and key, as read back from SQLite.</summary>
    private sealed record StoredRow(long RowId, byte[] KeyData);
}
