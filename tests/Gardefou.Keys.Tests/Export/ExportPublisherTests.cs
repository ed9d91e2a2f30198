using Gardefou.Keys.Features.Export;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Tests.Export;

public sealed class ExportPublisherTests
{
    [Fact]
    public async Task A_closed_window_becomes_a_signed_padded_sorted_file_listed_in_the_index()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var keys = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14);
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, keys));
        Assert.Equal(0, await fixture.ExportAsync()); // the window is still open

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await fixture.ExportAsync());
        var path = Assert.Single(await fixture.IndexAsync());
        var contents = await fixture.ReadVerifiedAsync(path);
        var batch = contents.Batch;

        Assert.Equal((1, 1), (batch.BatchNum, batch.BatchSize));
        Assert.InRange(batch.Keys.Count, 1000, 1100);
        var exported = batch.Keys.Select(k => k.Key.ToBase64()).ToHashSet();
        Assert.Subset(exported, keys.Select(k => k.Key!).ToHashSet());
        var bytes = batch.Keys.Select(k => k.Key.ToArray()).ToList();
        Assert.True(bytes.Zip(bytes.Skip(1)).All(p => p.First.AsSpan().SequenceCompareTo(p.Second) < 0), "keys are sorted by key bytes");
        var real = batch.Keys.First(k => k.Key.ToBase64() == keys[0].Key);
        Assert.Equal(ReportType.ConfirmedTest, real.ReportType);
        Assert.Equal(keys[0].RollingStartNumber, real.Validity.RollingStart.Value);

        Assert.Equal(0, await fixture.ExportAsync()); // the same window is never exported twice
        Assert.Single(await fixture.IndexAsync());
    }

    [Fact]
    public async Task A_still_valid_key_only_appears_after_its_embargo()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var today = EnIntervalNumber.FromTime(fixture.Clock.GetUtcNow()).DayStart;
        var key = new Features.Publish.ExposureKeyJson { Key = TemporaryExposureKey.Generate().ToBase64(), RollingStartNumber = today.Value, RollingPeriod = 144 };
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, [key]));

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await fixture.ExportAsync());
        Assert.Empty(await fixture.IndexAsync());

        fixture.Clock.SetUtcNow((today + 144).StartTime.AddHours(3));
        Assert.Equal(1, await fixture.ExportAsync());
        var contents = await fixture.ReadVerifiedAsync(Assert.Single(await fixture.IndexAsync()));
        Assert.Contains(contents.Batch.Keys, k => k.Key.ToBase64() == key.Key);
    }

    [Fact]
    public async Task A_large_window_is_split_into_files_of_at_most_the_limit()
    {
        await using var fixture = await KeysFixture.CreateAsync(new Dictionary<string, string?> { ["Keys:MaxKeysPerFile"] = "300" });
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14)));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var files = await fixture.ExportAsync();

        Assert.InRange(files, 4, 4); // 1000..1100 keys at 300 per file
        var index = await fixture.IndexAsync();
        Assert.Equal(files, index.Length);
        var batches = new List<ExportBatch>();
        foreach (var p in index)
        {
            batches.Add((await fixture.ReadVerifiedAsync(p)).Batch);
        }
        Assert.All(batches, b => Assert.InRange(b.Keys.Count, 1, 300));
        Assert.Equal(Enumerable.Range(1, files), batches.Select(b => b.BatchNum));
        Assert.Equal(batches.Sum(b => b.Keys.Count), batches.SelectMany(b => b.Keys).Select(k => k.Key).Distinct().Count());
    }

    [Fact]
    public async Task A_revision_goes_out_in_revised_keys_of_a_later_batch()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var keys = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 3);
        var first = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Likely));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.ExportAsync();

        var token = first.RootElement.GetProperty("revisionToken").GetString();
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Negative, token));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.ExportAsync();

        var index = await fixture.IndexAsync();
        Assert.Equal(2, index.Length);
        var second = (await fixture.ReadVerifiedAsync(index[1])).Batch;
        Assert.Empty(second.Keys);
        Assert.Equal(keys.Select(k => k.Key).Order(), second.RevisedKeys.Select(k => k.Key.ToBase64()).Order());
        Assert.All(second.RevisedKeys, k => Assert.Equal(ReportType.Revoked, k.ReportType));
    }

    [Fact]
    public async Task The_daily_series_has_its_own_index()
    {
        await using var fixture = await KeysFixture.CreateAsync(new Dictionary<string, string?> { ["Keys:DailyExports"] = "true" });
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 5)));
        fixture.Clock.SetUtcNow(new DateTimeOffset(fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddMinutes(1), TimeSpan.Zero));
        await fixture.ExportAsync();
        var daily = Assert.Single(await fixture.IndexAsync(ExportSeries.Daily));
        Assert.StartsWith("daily/", daily, StringComparison.Ordinal);
        var dailyBatch = (await fixture.ReadVerifiedAsync(daily)).Batch;
        Assert.Equal(86_400, (dailyBatch.EndTimestamp - dailyBatch.StartTimestamp).TotalSeconds);
        Assert.Single(await fixture.IndexAsync());
    }

    [Fact]
    public async Task Two_instances_sharing_postgres_never_publish_a_window_twice()
    {
        var admin = Environment.GetEnvironmentVariable("GARDEFOU_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip("PostgreSQL not available: set GARDEFOU_TEST_POSTGRES (CI does)");
        }
        await using var database = await PostgresDatabase.CreateAsync(admin);
        var exports = Path.Combine(Path.GetTempPath(), "gardefou-keys-tests", Guid.NewGuid().ToString("N"));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(KeysFixture.Start);
        using var issuerKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var one = await KeysFixture.CreatePostgresAsync(database.ConnectionString, exports, clock, issuerKey);
        await using var two = await KeysFixture.CreatePostgresAsync(database.ConnectionString, exports, clock, issuerKey);

        for (var round = 0; round < 5; round++)
        {
            await one.PublishAsync(Uploads.Signed(one.Issuer, Uploads.DailyKeys(clock.GetUtcNow(), 7)));
            await two.PublishAsync(Uploads.Signed(two.Issuer, Uploads.DailyKeys(clock.GetUtcNow(), 7)));
            clock.Advance(TimeSpan.FromHours(1));
            var files = await Task.WhenAll(one.ExportAsync(), two.ExportAsync(), one.ExportAsync(), two.ExportAsync());
            Assert.Equal(1, files.Sum());
        }
        Assert.Equal(5, await one.QueryAsync(db => db.ExportBatches.CountAsync()));
        Assert.Equal(5, (await one.IndexAsync()).Length);
        var exported = new List<TemporaryExposureKey>();
        foreach (var p in await one.IndexAsync())
        {
            exported.AddRange((await one.ReadVerifiedAsync(p)).Batch.Keys.Select(k => k.Key));
        }
        Assert.Equal(exported.Count, exported.Distinct().Count());
        Assert.Equal(0, await one.QueryAsync(db => db.DiagnosisKeys.CountAsync(k => k.PeriodBatchId == null)));
    }
}
