using Gardefou.Keys.Features.Export;
using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Keys.Tests.Retention;

public sealed class RetentionServiceTests
{
    [Fact]
    public async Task Keys_and_exports_older_than_the_retention_are_deleted_and_unlisted()
    {
        await using var fixture = await KeysFixture.CreateAsync(new Dictionary<string, string?> { ["Keys:Retention"] = "7.00:00:00" });
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 1)));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.ExportAsync();
        var oldFile = Assert.Single(await fixture.IndexAsync());

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 2)));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.ExportAsync();
        Assert.Equal(2, (await fixture.IndexAsync()).Length);

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal((0, 0), await fixture.RetainAsync()); // the first key ended six and a half days ago
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var (keys, files) = await fixture.RetainAsync();

        Assert.Equal(1, keys);
        Assert.Equal(1, files);
        Assert.Equal(2, await fixture.KeyCountAsync());
        Assert.DoesNotContain(oldFile, await fixture.IndexAsync());
        Assert.Single(await fixture.IndexAsync());
        Assert.Null(await fixture.QueryAsync(db => ExportIndex.ReadFileAsync(db, oldFile, CancellationToken.None)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.ExportFileContents.CountAsync()));
    }

    [Fact]
    public async Task A_retention_over_14_days_is_capped_at_14()
    {
        await using var fixture = await KeysFixture.CreateAsync(new Dictionary<string, string?> { ["Keys:Retention"] = "30.00:00:00" });
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 1)));
        fixture.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromHours(2));
        var (keys, _) = await fixture.RetainAsync();
        Assert.Equal(1, keys);
        Assert.Equal(0, await fixture.KeyCountAsync());
    }

    [Fact]
    public async Task After_the_sunset_uploads_stop_and_everything_is_deleted()
    {
        var sunset = KeysFixture.Start.AddDays(2);
        await using var fixture = await KeysFixture.CreateAsync(new Dictionary<string, string?> { ["Keys:SunsetDate"] = sunset.ToString("o") });
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 3)));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.ExportAsync();
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 2)));
        Assert.Single(await fixture.IndexAsync());

        fixture.Clock.SetUtcNow(sunset);
        await fixture.RetainAsync();
        Assert.Equal(0, await fixture.KeyCountAsync());
        Assert.Empty(await fixture.IndexAsync());
        Assert.Equal(0, await fixture.QueryAsync(db => db.ExportFileContents.CountAsync()));
        Assert.Equal(0, await fixture.QueryAsync(db => db.ExportBatches.CountAsync()));

        await using var scope = fixture.Services.CreateAsyncScope();
        var refused = await scope.ServiceProvider.GetRequiredService<PublishService>()
            .PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 2)), false, CancellationToken.None);
        Assert.Equal(410, refused.Status);
        Assert.Equal(0, await fixture.KeyCountAsync());
    }
}
