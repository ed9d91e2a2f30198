using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Storage;

public sealed class SqliteRestartTests
{
    [Fact]
    public async Task A_second_start_on_the_same_data_directory_keeps_sites_reports_and_credentials()
    {
        var data = Directory.CreateTempSubdirectory("gf-registry-restart-");
        try
        {
            string credential;
            await using (var first = await RegistryServer.StartAsync(demoSites: 50, dataDirectory: data.FullName))
            {
                await first.AddSitesAsync(Sites.At("kept", 45.76, 4.84, "mask.ffp2"));
                credential = await first.IssueCredentialAsync("kept");
                (await first.PostUpdateAsync("kept", credential, new { type = "mask.ffp2", available = 6 })).EnsureSuccessStatusCode();
            }
            await using var second = await RegistryServer.StartAsync(demoSites: 50, dataDirectory: data.FullName);
            Assert.Equal(51, second.State.Index.Count);
            Assert.True(second.State.Index.TryGet("kept", out var site));
            Assert.Equal(6, site.Capacity[Gardefou.Registry.Model.ResourceType.Parse("mask.ffp2").Code]!.Available);
            (await second.PostUpdateAsync("kept", credential, new { type = "mask.ffp2", available = 5 })).EnsureSuccessStatusCode();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }
}
