using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Tests.Publish;

/// <summary>
/// Days since onset against the cases of Google's key server tests (internal/publish/model/exposure_model_test.go
/// TestTransform and TestDefaultSymptomOnset): capture start 2020-02-29 11:15:01 UTC, upload seven days later.
/// </summary>
public sealed class SymptomOnsetTests
{
    private static readonly DateTimeOffset s_captureStart = new(2020, 2, 29, 11, 15, 1, TimeSpan.Zero);
    private static readonly DateTimeOffset s_batchTime = s_captureStart.AddDays(7);
    private static readonly int s_interval = EnIntervalNumber.FromTime(s_captureStart).Value;

    [Fact]
    public void The_onset_of_the_publish_request_wins_over_the_certificates()
    {
        // Google's "user_provided_symptom_onset": publish onset one day after capture start, certificate two days.
        var onset = SymptomOnset.Choose(s_interval + 144, s_interval + 288, s_batchTime);
        Assert.Equal([-1, 0, 1], new[] { 0, 144, 288 }.Select(d => SymptomOnset.DaysSinceOnset(s_interval + d, onset)!.Value));
    }

    [Fact]
    public void An_unreasonable_publish_onset_without_a_certified_one_falls_back_to_four_days_before_the_upload()
    {
        // Google's "user_provided_symptom_unreasonable": symptomOnsetInterval 1, no onset in the certificate.
        var onset = SymptomOnset.Choose(1, null, s_batchTime);
        Assert.Equal([-1, 0, 1], new[] { 288, 432, 576 }.Select(d => SymptomOnset.DaysSinceOnset(s_interval + d, onset)!.Value));
    }

    [Fact]
    public void A_certified_onset_is_used_when_the_request_has_none_and_a_key_fifteen_days_from_it_is_dropped()
    {
        // Google's "symptom_onset_too_large": certificate onset 14 days before capture start; the second key is 15 days away.
        var onset = SymptomOnset.Choose(null, s_interval - (14 * 144), s_batchTime);
        Assert.Equal(14, SymptomOnset.DaysSinceOnset(s_interval, onset));
        Assert.Null(SymptomOnset.DaysSinceOnset(s_interval + 144, onset));
    }

    [Theory]
    [InlineData(5, -1)]
    [InlineData(4, 0)]
    [InlineData(3, 1)]
    public void Without_any_onset_a_key_gets_days_counted_from_four_days_before_the_upload(int keyDaysAgo, int expected)
    {
        // Google's TestDefaultSymptomOnset.
        var now = new DateTimeOffset(2026, 11, 20, 10, 17, 0, TimeSpan.Zero);
        var onset = SymptomOnset.Choose(null, null, now);
        Assert.Equal(expected, SymptomOnset.DaysSinceOnset(EnIntervalNumber.FromTime(now.AddDays(-keyDaysAgo)).Value, onset));
    }

    [Fact]
    public void An_onset_older_than_28_days_or_in_the_current_interval_is_not_used()
    {
        var now = new DateTimeOffset(2026, 11, 20, 10, 17, 0, TimeSpan.Zero);
        var fallback = EnIntervalNumber.FromTime(now.AddDays(-4)).Value;
        var midnight28 = EnIntervalNumber.FromTime(new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.Zero)).Value;
        Assert.Equal(midnight28, SymptomOnset.Choose(midnight28, null, now));
        Assert.Equal(fallback, SymptomOnset.Choose(midnight28 - 1, null, now));
        Assert.Equal(fallback, SymptomOnset.Choose(EnIntervalNumber.FromTime(now).Value, null, now));
    }

    [Fact]
    public async Task A_code_with_a_test_date_only_gives_the_days_since_onset_googles_server_gives()
    {
        // The case: no onset in the certificate (Google's verification server sets it only from a symptom date)
        // nor in the request: every key gets key day - (upload day - 4). Our old rule gave null here, and with the
        // test date as onset (what our verification server wrote) 2 less for a test two days before the upload.
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        var body = await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(now, 14)));

        var rows = await fixture.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DiagnosisKeys));
        var today = EnIntervalNumber.FromTime(now).DayStart.Value;
        Assert.All(rows, row => Assert.Equal(4 - ((today - row.RollingStart) / 144), row.DaysSinceOnset));
        Assert.Equal(Enumerable.Range(1, 14).Select(d => 4 - d).Order(), rows.Select(r => r.DaysSinceOnset!.Value).Order());
        Assert.Equal(14, body.RootElement.GetProperty("insertedExposures").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task Keys_more_than_14_days_from_the_onset_are_dropped_with_a_warning()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        var today = EnIntervalNumber.FromTime(now).DayStart;
        // Onset 20 days ago: the keys of the last 5 days are 15 to 19 days after it.
        var request = Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(now, 14)) with { SymptomOnsetInterval = (today + (-20 * 144)).Value };
        var body = await fixture.PublishAsync(request);

        var rows = await fixture.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DiagnosisKeys));
        Assert.Equal(Enumerable.Range(6, 9), rows.Select(r => r.DaysSinceOnset!.Value).Order());
        Assert.Equal(9, body.RootElement.GetProperty("insertedExposures").GetInt32());
        // DailyKeys lists the oldest first: the last five of the request are the dropped ones.
        var warning = Assert.Single(body.RootElement.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Equal("key 9, 10, 11, 12, 13 symptom onset is too large, more than 14 days - saving without these keys", warning);
    }

    [Fact]
    public async Task The_request_onset_is_used_before_the_certified_one()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow();
        var keys = Uploads.DailyKeys(now, 3);
        var today = EnIntervalNumber.FromTime(now).DayStart;
        var request = Uploads.Signed(fixture.Issuer, keys, CertificateReportType.Confirmed, certifiedOnset: today + (-10 * 144))
            with
        { SymptomOnsetInterval = (today + (-2 * 144)).Value };
        await fixture.PublishAsync(request);
        var days = await fixture.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DiagnosisKeys));
        Assert.Equal([-1, 0, 1], days.Select(r => r.DaysSinceOnset!.Value).Order());
    }
}
