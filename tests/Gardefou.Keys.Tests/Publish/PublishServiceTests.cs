using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Keys.Tests.Publish;

public sealed class PublishServiceTests
{
    private static async Task<(PublishService.Outcome Outcome, JsonDocument Body)> PublishAsync(KeysFixture fixture, PublishRequest request, bool chaff = false)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PublishService>().PublishAsync(request, chaff, CancellationToken.None);
        return (outcome, JsonDocument.Parse(outcome.Body));
    }

    private static async Task<List<DiagnosisKeyRow>> RowsAsync(KeysFixture fixture)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeysDbContext>().DiagnosisKeys.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Fourteen_certified_keys_are_stored_anonymously_with_the_hour_only()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var keys = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14);
        var (outcome, body) = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, keys));

        Assert.Equal(200, outcome.Status);
        Assert.Equal(14, body.RootElement.GetProperty("insertedExposures").GetInt32());
        // Google's omitempty: a success carries neither error nor code.
        Assert.False(body.RootElement.TryGetProperty("code", out _));
        Assert.False(body.RootElement.TryGetProperty("error", out _));
        var rows = await RowsAsync(fixture);
        Assert.Equal(keys.Select(k => k.Key).Order(), rows.Select(r => Convert.ToBase64String(r.KeyData)).Order());
        var hour = fixture.Clock.GetUtcNow().ToUnixTimeSeconds() / 3600 * 3600;
        Assert.All(rows, r => Assert.Equal(hour, r.CreatedHour));
        Assert.All(rows, r => Assert.Equal(2, r.TransmissionRisk)); // confirmed with risk 0 is filled with 2
        Assert.All(rows, r => Assert.Equal(1, r.ReportType));
    }

    [Fact]
    public async Task A_still_valid_key_is_held_back_until_two_hours_after_its_end()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var today = EnIntervalNumber.FromTime(fixture.Clock.GetUtcNow()).DayStart;
        var key = new ExposureKeyJson { Key = Protocol.Keys.TemporaryExposureKey.Generate().ToBase64(), RollingStartNumber = today.Value, RollingPeriod = 144 };
        var (outcome, _) = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, [key]));
        Assert.Equal(200, outcome.Status);
        var row = Assert.Single(await RowsAsync(fixture));
        Assert.Equal((today + 144).StartTime.AddHours(2).ToUnixTimeSeconds(), row.PublishableFrom);
    }

    [Fact]
    public async Task Chaff_is_not_processed_and_answers_padding_only_in_a_body_of_the_real_size()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var real = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14)));
        // A real, valid upload sent as chaff: its body is ignored, so nothing of it is stored.
        var chaff = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 14)), chaff: true);

        Assert.Equal(real.Outcome.Status, chaff.Outcome.Status);
        Assert.Equal(real.Outcome.Body.Length, chaff.Outcome.Body.Length);
        Assert.Equal(["padding"], chaff.Body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(14, (await RowsAsync(fixture)).Count);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var request = Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 3));
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        var (outcome, body) = await PublishAsync(fixture, request);
        Assert.Equal(401, outcome.Status);
        Assert.Equal(PublishErrorCodes.CertificateInvalid, body.RootElement.GetProperty("code").GetString());
        Assert.Contains("Expired", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(fixture));
    }

    [Fact]
    public async Task A_certificate_for_other_keys_is_refused()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        var request = Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(now, 3)) with { TemporaryExposureKeys = Uploads.DailyKeys(now, 3) };
        var (outcome, body) = await PublishAsync(fixture, request);
        Assert.Equal(401, outcome.Status);
        Assert.Contains("MacMismatch", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_with_the_wrong_audience_or_a_forged_signature_is_refused()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var keys = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 2);
        var otherAudience = new CertificateIssuer(fixture.IssuerKey, "test-kid", Trust.HealthAuthorityTrust.DefaultIssuer, "someone-else", fixture.Clock);
        var forger = new CertificateIssuer(ECDsa.Create(ECCurve.NamedCurves.nistP256), "test-kid", Trust.HealthAuthorityTrust.DefaultIssuer, Trust.HealthAuthorityTrust.DefaultAudience, fixture.Clock);
        var wrongAudience = await PublishAsync(fixture, Uploads.Signed(otherAudience, keys));
        var forged = await PublishAsync(fixture, Uploads.Signed(forger, keys));
        Assert.Contains("WrongAudience", wrongAudience.Body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("InvalidSignature", forged.Body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(fixture));
    }

    [Fact]
    public async Task An_unknown_health_authority_is_refused()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var request = Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 2)) with { HealthAuthorityId = "elsewhere" };
        var (outcome, body) = await PublishAsync(fixture, request);
        Assert.Equal(401, outcome.Status);
        Assert.Equal(PublishErrorCodes.UnknownHealthAuthority, body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Negative_keys_are_not_stored()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var (outcome, body) = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 5), CertificateReportType.Negative));
        Assert.Equal(200, outcome.Status);
        Assert.False(body.RootElement.TryGetProperty("insertedExposures", out _));
        Assert.Empty(await RowsAsync(fixture));
    }

    [Fact]
    public async Task Only_the_revision_token_holder_can_turn_likely_keys_into_confirmed_and_only_once()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var keys = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 4);
        var first = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Likely));
        var token = first.Body.RootElement.GetProperty("revisionToken").GetString();

        var withoutToken = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Confirmed));
        Assert.Equal(PublishErrorCodes.MissingRevisionToken, withoutToken.Body.RootElement.GetProperty("code").GetString());
        var forgedToken = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Confirmed, RevisionTokenProtector.RandomToken()));
        Assert.Equal(PublishErrorCodes.InvalidRevisionToken, forgedToken.Body.RootElement.GetProperty("code").GetString());
        var backToLikely = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, keys, CertificateReportType.UserReport, token));
        Assert.Equal(PublishErrorCodes.InvalidReportTypeTransition, backToLikely.Body.RootElement.GetProperty("code").GetString());

        var revised = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Confirmed, token));
        Assert.Equal(200, revised.Outcome.Status);
        Assert.All(await RowsAsync(fixture), r => Assert.Equal((int)Protocol.Export.ReportType.ConfirmedTest, r.RevisedReportType));

        var again = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Negative, token));
        Assert.Equal(PublishErrorCodes.KeyAlreadyRevised, again.Body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_devices_token_cannot_revise_keys_it_does_not_list()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var mine = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 2);
        var theirs = Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 2);
        await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, mine, CertificateReportType.Likely));
        var other = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, theirs, CertificateReportType.Likely));
        var theirToken = other.Body.RootElement.GetProperty("revisionToken").GetString();
        var attempt = await PublishAsync(fixture, Uploads.Signed(fixture.Issuer, mine, CertificateReportType.Negative, theirToken));
        Assert.Equal(PublishErrorCodes.InvalidRevisionToken, attempt.Body.RootElement.GetProperty("code").GetString());
        Assert.All(await RowsAsync(fixture), r => Assert.Null(r.RevisedReportType));
    }
}
