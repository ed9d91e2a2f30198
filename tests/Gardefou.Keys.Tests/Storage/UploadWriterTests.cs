using System.Text.Json;
using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Keys.Tests.Storage;

/// <summary>
/// Group commit through the real publish path on a real database: concurrent uploads are written together, each
/// lands exactly once, and a request is never acknowledged for keys that were not committed.
/// </summary>
public sealed class UploadWriterTests
{
    /// <summary>A valid key length that the tests' database trigger refuses, to make a transaction fail for real.</summary>
    private const int RefusedPeriod = 77;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Concurrent_uploads_share_one_transaction_and_each_lands_exactly_once(string provider)
    {
        await using var fixture = await Fixtures.CreateAsync(provider);
        var now = fixture.Keys.Clock.GetUtcNow();
        var requests = Enumerable.Range(0, 40).Select(_ => Uploads.Signed(fixture.Keys.Issuer, Uploads.DailyKeys(now, 14))).ToList();
        var writer = fixture.Keys.Services.GetRequiredService<UploadWriter>();
        var transactionsBefore = writer.Transactions;

        var outcomes = await PublishTogetherAsync(fixture, requests);

        Assert.All(outcomes, o => Assert.Equal(200, o.Status));
        Assert.All(outcomes, o => Assert.Equal(14, Body(o).GetProperty("insertedExposures").GetInt32()));
        var stored = await StoredKeysAsync(fixture.Keys);
        Assert.Equal(40 * 14, stored.Count);
        Assert.Equal(requests.SelectMany(r => r.TemporaryExposureKeys!).Select(k => k.Key!).Order(), stored.Order());
        if (provider == "sqlite")
        {
            // The writer was held until all 40 had queued, so they were committed as one group.
            Assert.Equal(1, writer.Transactions - transactionsBefore);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Replays_in_the_same_group_are_refused_and_the_keys_are_stored_once(string provider)
    {
        await using var fixture = await Fixtures.CreateAsync(provider);
        var now = fixture.Keys.Clock.GetUtcNow();
        var distinct = Enumerable.Range(0, 12).Select(_ => Uploads.Signed(fixture.Keys.Issuer, Uploads.DailyKeys(now, 14))).ToList();
        var replayed = Uploads.Signed(fixture.Keys.Issuer, Uploads.DailyKeys(now, 14));
        var requests = distinct.Concat(Enumerable.Repeat(replayed, 5)).ToList();

        var outcomes = await PublishTogetherAsync(fixture, requests);

        Assert.All(outcomes.Take(12), o => Assert.Equal(200, o.Status));
        var copies = outcomes.Skip(12).ToList();
        Assert.Single(copies, o => o.Status == 200);
        Assert.All(copies.Where(o => o.Status != 200), o => Assert.Equal(PublishErrorCodes.MissingRevisionToken, Body(o).GetProperty("code").GetString()));
        var stored = await StoredKeysAsync(fixture.Keys);
        Assert.Equal(13 * 14, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_failed_transaction_fails_its_requests_and_stores_none_of_their_keys(string provider)
    {
        await using var fixture = await Fixtures.CreateAsync(provider);
        await RefuseInsertsAsync(fixture.Keys, provider);
        var now = fixture.Keys.Clock.GetUtcNow();
        var good = Enumerable.Range(0, 10).Select(_ => Uploads.Signed(fixture.Keys.Issuer, Uploads.DailyKeys(now, 5))).ToList();
        var poisoned = Enumerable.Range(0, 3).Select(_ =>
        {
            var keys = Uploads.DailyKeys(now, 5);
            keys[2] = keys[2] with { RollingPeriod = RefusedPeriod };
            return Uploads.Signed(fixture.Keys.Issuer, keys);
        }).ToList();

        // Poisoned uploads sit in the same group as good ones: the group's transaction fails as a whole.
        var outcomes = await PublishTogetherAsync(fixture, [.. good.Take(5), .. poisoned, .. good.Skip(5)]);

        var poisonedOutcomes = outcomes.Skip(5).Take(3).ToList();
        Assert.All(poisonedOutcomes, o => Assert.Equal(503, o.Status));
        Assert.All(poisonedOutcomes, o => Assert.Equal(PublishErrorCodes.InternalError, Body(o).GetProperty("code").GetString()));
        Assert.All(outcomes.Take(5).Concat(outcomes.Skip(8)), o => Assert.Equal(200, o.Status));
        var stored = await StoredKeysAsync(fixture.Keys);
        Assert.Equal(good.SelectMany(r => r.TemporaryExposureKeys!).Select(k => k.Key!).Order(), stored.Order());
        Assert.DoesNotContain(poisoned.SelectMany(r => r.TemporaryExposureKeys!).Select(k => k.Key!), stored.Contains);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task When_the_database_refuses_every_write_no_request_is_acknowledged(string provider)
    {
        await using var fixture = await Fixtures.CreateAsync(provider);
        await RefuseInsertsAsync(fixture.Keys, provider);
        var now = fixture.Keys.Clock.GetUtcNow();
        var requests = Enumerable.Range(0, 8).Select(_ =>
        {
            var keys = Uploads.DailyKeys(now, 3);
            keys[0] = keys[0] with { RollingPeriod = RefusedPeriod };
            return Uploads.Signed(fixture.Keys.Issuer, keys);
        }).ToList();

        var outcomes = await PublishTogetherAsync(fixture, requests);

        Assert.All(outcomes, o => Assert.Equal(503, o.Status));
        Assert.Empty(await StoredKeysAsync(fixture.Keys));

        // The writer survives: once the database accepts writes again, uploads are stored.
        await fixture.Keys.QueryAsync(db => db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "DROP TRIGGER refuse_period" : "DROP TRIGGER refuse_period ON keys.diagnosis_keys", Ct));
        var retry = await PublishTogetherAsync(fixture, [requests[0]]);
        Assert.Equal(200, Assert.Single(retry).Status);
        Assert.Equal(3, (await StoredKeysAsync(fixture.Keys)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Of_two_revisions_racing_for_the_same_keys_one_wins_and_the_other_is_told_they_were_revised(string provider)
    {
        await using var fixture = await Fixtures.CreateAsync(provider);
        var now = fixture.Keys.Clock.GetUtcNow();
        var keys = Uploads.DailyKeys(now, 5);
        var first = await fixture.Keys.PublishAsync(Uploads.Signed(fixture.Keys.Issuer, keys, CertificateReportType.Likely));
        var token = first.RootElement.GetProperty("revisionToken").GetString();
        var confirm = Uploads.Signed(fixture.Keys.Issuer, keys, CertificateReportType.Confirmed, token);
        var revoke = Uploads.Signed(fixture.Keys.Issuer, keys, CertificateReportType.Negative, token);

        // Both read the keys as likely and unrevised before either writes (on SQLite they even share one group).
        var outcomes = await PublishTogetherAsync(fixture, [confirm, revoke]);

        // Before, both were answered 200 and the last write won.
        Assert.Single(outcomes, o => o.Status == 200);
        var loser = Assert.Single(outcomes, o => o.Status != 200);
        Assert.Equal(PublishErrorCodes.KeyAlreadyRevised, Body(loser).GetProperty("code").GetString());
        var types = await fixture.Keys.QueryAsync(db => db.DiagnosisKeys.AsNoTracking().Select(k => k.RevisedReportType).Distinct().ToListAsync(Ct));
        var winner = outcomes[0].Status == 200 ? ReportType.ConfirmedTest : ReportType.Revoked;
        Assert.Equal((int)winner, Assert.Single(types));
    }

    /// <summary>
    /// Publishes every request at once. On SQLite the test holds the domain's write gate until all of them have
    /// queued at the writer, so they meet in one group whatever the scheduling.
    /// </summary>
    private static async Task<List<PublishService.Outcome>> PublishTogetherAsync(Fixtures fixture, IReadOnlyList<PublishRequest> requests)
    {
        var services = fixture.Keys.Services;
        var writer = services.GetRequiredService<UploadWriter>();
        var turn = fixture.Postgres is null ? await services.GetRequiredService<WriteGate>().EnterAsync(Ct) : default;
        List<PublishService.Outcome> outcomes;
        try
        {
            var publishing = requests.Select(request => Task.Run(async () =>
            {
                await using var scope = services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<PublishService>().PublishAsync(request, false, Ct);
            })).ToList();
            if (fixture.Postgres is null)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (writer.Pending < requests.Count && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(10, Ct);
                }
                Assert.Equal(requests.Count, writer.Pending);
            }
            turn.Dispose();
            turn = default;
            outcomes = [.. await Task.WhenAll(publishing)];
        }
        finally
        {
            turn.Dispose();
        }
        return outcomes;
    }

    /// <summary>A real trigger in the real database that aborts any insert of a key of <see cref="RefusedPeriod"/> intervals.</summary>
    private static Task RefuseInsertsAsync(KeysFixture fixture, string provider) => fixture.QueryAsync(async db =>
    {
        if (provider == "sqlite")
        {
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE TRIGGER refuse_period BEFORE INSERT ON diagnosis_keys WHEN NEW.RollingPeriod = {RefusedPeriod} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END", Ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE FUNCTION keys.refuse_period() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"RollingPeriod\" = {RefusedPeriod} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$", Ct);
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_period BEFORE INSERT ON keys.diagnosis_keys FOR EACH ROW EXECUTE FUNCTION keys.refuse_period()", Ct);
        }
        return 0;
    });

    private static Task<List<string>> StoredKeysAsync(KeysFixture fixture) =>
        fixture.QueryAsync(async db => (await db.DiagnosisKeys.AsNoTracking().Select(k => k.KeyData).ToListAsync(Ct)).Select(Convert.ToBase64String).ToList());

    private static JsonElement Body(PublishService.Outcome outcome) => JsonDocument.Parse(outcome.Body).RootElement;

    /// <summary>A key domain on SQLite, or on a fresh PostgreSQL database (skipped when none is configured).</summary>
    private sealed class Fixtures : IAsyncDisposable
    {
        private Fixtures(KeysFixture keys, PostgresDatabase? postgres)
        {
            Keys = keys;
            Postgres = postgres;
        }

        public KeysFixture Keys { get; }

        public PostgresDatabase? Postgres { get; }

        public static async Task<Fixtures> CreateAsync(string provider)
        {
            if (provider == "sqlite")
            {
                return new Fixtures(await KeysFixture.CreateAsync(), null);
            }
            var admin = Environment.GetEnvironmentVariable("GARDEFOU_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(admin))
            {
                Assert.Skip("PostgreSQL not available: set GARDEFOU_TEST_POSTGRES (CI does)");
            }
            var database = await PostgresDatabase.CreateAsync(admin);
            return new Fixtures(await KeysFixture.CreatePostgresAsync(database.ConnectionString, null, null, null), database);
        }

        public async ValueTask DisposeAsync()
        {
            await Keys.DisposeAsync();
            if (Postgres is not null)
            {
                await Postgres.DisposeAsync();
            }
        }
    }
}
