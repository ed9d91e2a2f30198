using System.Text.Json;
using Gardefou.Keys.Features.Export;
using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gardefou.Keys.Tests.Storage;

/// <summary>
/// Issue 13: on PostgreSQL the rows of an upload alone in its commit sit in adjacent heap slots and share one
/// transaction id, linking one person's keys in the database files; once their hour is closed the worker rewrites
/// the hour's rows in random order, so the hour is the anonymity set there too.
/// </summary>
public sealed class HourMixerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Once_its_hour_is_closed_no_uploads_keys_stay_side_by_side_or_share_a_transaction_id_and_each_is_exported_once()
    {
        await using var database = await PostgresDatabase.CreateOrSkipAsync();
        await using var fixture = await KeysFixture.CreatePostgresAsync(database.ConnectionString, null, null, null);
        var uploads = new List<HashSet<string>>();
        var published = new Dictionary<string, ExposureKeyJson>();
        for (var i = 0; i < 3; i++)
        {
            // One at a time, each waited for: every upload is alone in its commit, as outside peaks.
            var keys = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14, transmissionRisk: i + 3);
            await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, keys));
            uploads.Add([.. keys.Select(k => k.Key!)]);
            keys.ForEach(k => published.Add(k.Key!, k));
        }

        // What anyone reading the files sees before mixing: each upload one run of adjacent slots, one xmin per upload.
        var before = await HeapAsync(fixture);
        Assert.Equal(42, before.Count);
        var ownersBefore = Owners(before, uploads);
        Assert.All(Enumerable.Range(0, 3), upload => Assert.True(IsOneRun(ownersBefore, upload), $"upload {upload} was not stored side by side"));
        Assert.All(Enumerable.Range(0, 3), upload => Assert.Single(before.Where((_, i) => ownersBefore[i] == upload).Select(row => row.Xmin).Distinct()));
        Assert.Equal(3, before.Select(row => row.Xmin).Distinct().Count());

        // The hour is not closed at 10:59 nor at 11:02 (an upload stamped 10:00 may still be committing).
        Assert.Equal(0, await MixAsync(fixture, At(10, 59)));
        Assert.Equal(0, await MixAsync(fixture, At(11, 2)));
        Assert.Equal(before, await HeapAsync(fixture));

        // 11:06: the window 10:00-11:00 is exported, then the worker's pass mixes the closed hour.
        fixture.Clock.SetUtcNow(At(11, 6));
        Assert.Equal(1, await fixture.ExportAsync());
        // The export's UPDATE already gave every row of its window one xmin, but wrote the new row versions in the old order.
        var exported = await HeapAsync(fixture);
        var rowsBefore = await RowsAsync(fixture);
        Assert.All(rowsBefore, row => Assert.DoesNotContain("\"PeriodBatchId\":null", row, StringComparison.Ordinal));
        await RunWorkerAsync(fixture);

        var after = await HeapAsync(fixture);
        Assert.Equal(42, after.Count);
        var mixer = Assert.Single(after.Select(row => row.Xmin).Distinct());
        Assert.DoesNotContain(mixer, before.Concat(exported).Select(row => row.Xmin));
        var ownersAfter = Owners(after, uploads);
        // In a random order of 3 x 14 rows one upload's 14 rows are one run with probability 29 / C(42, 14) < 6e-10:
        // for the three, below 2e-9.
        Assert.All(Enumerable.Range(0, 3), upload => Assert.False(IsOneRun(ownersAfter, upload), $"upload {upload} is still one run of slots"));
        // A random order of 3 x 14 rows has about 29 runs of owners; fewer than 12 happens less than once in a million.
        var runs = 1 + ownersAfter.Zip(ownersAfter.Skip(1)).Count(pair => pair.First != pair.Second);
        Assert.True(runs >= 12, $"only {runs} runs of the same upload in heap order");
        // Every column kept, export batches included.
        Assert.Equal(rowsBefore, await RowsAsync(fixture));

        // Idempotent: a second pass in the same hour rewrites nothing.
        await RunWorkerAsync(fixture);
        Assert.Equal(after, await HeapAsync(fixture));

        // Exported exactly once, with the metadata they were published with: the next window carries none of them.
        fixture.Clock.SetUtcNow(At(12, 6));
        await RunWorkerAsync(fixture);
        var index = await fixture.IndexAsync();
        var inFile = (await fixture.ReadVerifiedAsync(Assert.Single(index))).Batch.Keys
            .Where(k => published.ContainsKey(k.Key.ToBase64())).ToList();
        Assert.Equal(42, inFile.Count);
        Assert.Equal(42, inFile.Select(k => k.Key.ToBase64()).Distinct().Count());
        Assert.All(inFile, key =>
        {
            var sent = published[key.Key.ToBase64()];
            Assert.Equal(sent.RollingStartNumber, key.Validity.RollingStart.Value);
            Assert.Equal(sent.RollingPeriod, key.Validity.RollingPeriod);
            Assert.Equal(sent.TransmissionRisk, key.TransmissionRiskLevel);
            Assert.Equal(ReportType.ConfirmedTest, key.ReportType);
        });
    }

    [Fact]
    public async Task Rows_revised_in_the_hour_are_rewritten_with_it_and_keep_their_revision()
    {
        await using var database = await PostgresDatabase.CreateOrSkipAsync();
        await using var fixture = await KeysFixture.CreatePostgresAsync(database.ConnectionString, null, null, null);
        var likely = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 7);
        var first = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, likely, CertificateReportType.Likely));
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14)));
        fixture.Clock.SetUtcNow(At(10, 40));
        var token = first.RootElement.GetProperty("revisionToken").GetString();
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, likely, CertificateReportType.Confirmed, token));

        // The revision wrote new versions of its 7 rows in one transaction: its own xmin links them.
        var before = await HeapAsync(fixture);
        var revisedKeys = likely.Select(k => k.Key!).ToHashSet();
        var revisionXmin = Assert.Single(before.Where(row => revisedKeys.Contains(row.Key)).Select(row => row.Xmin).Distinct());
        Assert.DoesNotContain(revisionXmin, before.Where(row => !revisedKeys.Contains(row.Key)).Select(row => row.Xmin));
        var rowsBefore = await RowsAsync(fixture);

        Assert.Equal(21, await MixAsync(fixture, At(11, 6)));

        Assert.Single((await HeapAsync(fixture)).Select(row => row.Xmin).Distinct());
        Assert.Equal(rowsBefore, await RowsAsync(fixture));
        var revised = await fixture.QueryAsync(db => db.DiagnosisKeys.AsNoTracking().CountAsync(k => k.RevisedReportType == (int)ReportType.ConfirmedTest, Ct));
        Assert.Equal(7, revised);
    }

    /// <summary>One pass of the key service's background worker (retention, export, mixing), as its timer runs it.</summary>
    private static Task RunWorkerAsync(KeysFixture fixture) =>
        fixture.Services.GetServices<IHostedService>().OfType<KeysWorker>().Single().RunOnceAsync(Ct);

    private static DateTimeOffset At(int hour, int minute) =>
        new(KeysFixture.Start.Year, KeysFixture.Start.Month, KeysFixture.Start.Day, hour, minute, 0, TimeSpan.Zero);

    private static async Task<int> MixAsync(KeysFixture fixture, DateTimeOffset now)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HourMixer>().MixClosedHoursAsync(now, Ct);
    }

    /// <summary>Each row's heap slot, the transaction that wrote it and its key, in heap order.</summary>
    private static Task<List<HeapRow>> HeapAsync(KeysFixture fixture) => fixture.QueryAsync(db => db.Database
        .SqlQueryRaw<HeapRow>("SELECT ctid::text AS \"Ctid\", xmin::text AS \"Xmin\", encode(\"KeyData\", 'base64') AS \"Key\" FROM keys.diagnosis_keys ORDER BY ctid")
        .ToListAsync(Ct));

    /// <summary>Every column of every row, in key order.</summary>
    private static Task<List<string>> RowsAsync(KeysFixture fixture) => fixture.QueryAsync(async db =>
        (await db.DiagnosisKeys.AsNoTracking().ToListAsync(Ct)).Select(row => JsonSerializer.Serialize(row)).Order(StringComparer.Ordinal).ToList());

    private static List<int> Owners(List<HeapRow> rows, List<HashSet<string>> uploads) =>
        [.. rows.Select(row => uploads.FindIndex(u => u.Contains(row.Key)))];

    /// <summary>Whether <paramref name="upload"/>'s rows are one unbroken run in heap order.</summary>
    private static bool IsOneRun(List<int> owners, int upload) =>
        owners.LastIndexOf(upload) - owners.IndexOf(upload) == owners.Count(owner => owner == upload) - 1;

    /// <summary>A row as PostgreSQL stores it: its heap slot (<c>ctid</c>), the id of the transaction that wrote it (<c>xmin</c>), its key.</summary>
    private sealed record HeapRow(string Ctid, string Xmin, string Key);
}
