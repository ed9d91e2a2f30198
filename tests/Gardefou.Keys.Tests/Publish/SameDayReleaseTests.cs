using Gardefou.Keys.Tests.Support;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gardefou.Keys.Tests.Publish;

/// <summary>The demo setting equivalent to Google's DEBUG_RELEASE_SAME_DAY_KEYS.</summary>
public sealed class SameDayReleaseTests
{
    [Fact]
    public async Task In_demo_mode_todays_key_is_publishable_in_the_next_window()
    {
        await using var fixture = await KeysFixture.CreateAsync(new Dictionary<string, string?> { ["Keys:DebugReleaseSameDayKeys"] = "true" });
        var now = fixture.Clock.GetUtcNow();
        var today = EnIntervalNumber.FromTime(now).DayStart.Value;
        var key = new Features.Publish.ExposureKeyJson { Key = TemporaryExposureKey.Generate().ToBase64(), RollingStartNumber = today, RollingPeriod = 144 };
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, [key]));

        var row = Assert.Single(await fixture.QueryAsync(db => db.DiagnosisKeys.ToListAsync()));
        Assert.Equal(now.ToUnixTimeSeconds() / 3600 * 3600, row.PublishableFrom);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await fixture.ExportAsync());
    }

    [Fact]
    public async Task The_setting_is_off_by_default_so_todays_key_waits_for_its_end()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        var today = EnIntervalNumber.FromTime(fixture.Clock.GetUtcNow()).DayStart.Value;
        var key = new Features.Publish.ExposureKeyJson { Key = TemporaryExposureKey.Generate().ToBase64(), RollingStartNumber = today, RollingPeriod = 144 };
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, [key]));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await fixture.ExportAsync());
    }

    [Fact]
    public async Task The_setting_is_refused_at_start_when_a_real_health_authority_is_configured()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Keys:DebugReleaseSameDayKeys"] = "true",
            ["Keys:HealthAuthorities:state:Issuer"] = "state-verification",
        };
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => KeysFixture.CreateAsync(settings));
        Assert.Contains("Keys:DebugReleaseSameDayKeys", error.Message, StringComparison.Ordinal);
    }
}
