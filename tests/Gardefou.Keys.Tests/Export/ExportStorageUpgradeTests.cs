using Gardefou.Keys.Features.Export;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Tests.Export;

public sealed class ExportStorageUpgradeTests
{
    [Fact]
    public async Task An_older_database_gains_the_contents_table_and_imports_the_files_its_folder_holds()
    {
        await using var fixture = await KeysFixture.CreateAsync();
        await fixture.PublishAsync(Uploads.Signed(fixture.Issuer, Uploads.DailyKeys(fixture.Clock.GetUtcNow(), 3)));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.ExportAsync();
        var path = Assert.Single(await fixture.IndexAsync());
        var bytes = await fixture.QueryAsync(db => ExportIndex.ReadFileAsync(db, path, CancellationToken.None));
        Assert.NotNull(bytes);

        // What an older version left behind: the zip in this instance's folder only, no table of contents, and a
        // second listed file that another instance wrote into its own folder.
        var onDisk = ExportLayout.Resolve(fixture.ExportDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(onDisk)!);
        await File.WriteAllBytesAsync(onDisk, bytes, TestContext.Current.CancellationToken);
        await fixture.QueryAsync(async db =>
        {
            db.ExportFiles.Add(new ExportFileRow { BatchId = 99, Series = ExportSeries.Period.Name, Path = "period/1-2-1.zip", WindowEnd = 2, KeyCount = 1000 });
            await db.SaveChangesAsync();
            return await db.Database.ExecuteSqlRawAsync("DROP TABLE \"export_file_contents\"");
        });

        await fixture.Services.InitializeKeysDomainAsync(TestContext.Current.CancellationToken);

        Assert.Equal([path], await fixture.IndexAsync());
        Assert.Equal(bytes, await fixture.QueryAsync(db => ExportIndex.ReadFileAsync(db, path, CancellationToken.None)));
        Assert.Null(await fixture.QueryAsync(db => ExportIndex.ReadFileAsync(db, "period/1-2-1.zip", CancellationToken.None)));
    }
}
