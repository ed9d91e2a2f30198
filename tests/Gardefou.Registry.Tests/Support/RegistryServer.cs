using System.Net.Http.Json;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Operators;
using Gardefou.Registry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Registry.Tests.Support;

/// <summary>
/// The registry domain alone in a minimal WebApplication on real Kestrel (127.0.0.1, random port), a fresh data
/// folder, a fake clock and every log line captured at Trace level.
/// </summary>
internal sealed class RegistryServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero); // a Monday, 11:00 in Paris

    private RegistryServer(WebApplication app, string dataDirectory, FakeTimeProvider time, FakeLogCollector logs)
    {
        App = app;
        DataDirectory = dataDirectory;
        Time = time;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }
    public string DataDirectory { get; }
    public FakeTimeProvider Time { get; }
    public FakeLogCollector Logs { get; }
    public HttpClient Client { get; }
    public Uri BaseAddress => Client.BaseAddress!;
    public RegistryState State => App.Services.GetRequiredService<RegistryState>();
    public Registry.Publication.StaticPublisher Publisher => App.Services.GetRequiredService<Registry.Publication.StaticPublisher>();

    public static async Task<RegistryServer> StartAsync(int demoSites = 0, Dictionary<string, string?>? settings = null, RegistryStorage? storage = null, DateTimeOffset? start = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "gardefou-registry-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(data);
        var time = new FakeTimeProvider(start ?? Start);
        var builder = LoopbackHost.CreateBuilder(time, LogLevel.Trace, collectFilteredRecords: true, new Dictionary<string, string?>
        {
            ["Registry:AdminUser"] = "admin",
            ["Registry:AdminPassword"] = "correct horse battery",
            ["Registry:PublishDebounce"] = "00:00:00.050",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddRegistryDomain(storage ?? RegistryStorage.ForDataDirectory(data), builder.Configuration);
        var app = builder.Build();
        app.UseStatusCodePages();
        await app.Services.InitializeRegistryDomainAsync(demoSites, TestContext.Current.CancellationToken);
        app.MapRegistryDomain();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RegistryServer(app, data, time, app.Services.GetRequiredService<FakeLogCollector>());
    }

    /// <summary>Adds sites straight to the database and the index, as an import would.</summary>
    public async Task AddSitesAsync(params SiteRow[] sites)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        foreach (var site in sites)
        {
            site.CreatedAt = site.UpdatedAt = Time.GetUtcNow();
            db.Sites.Add(site);
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        foreach (var site in sites)
        {
            State.Index.Upsert(SiteMapping.ToInfo(site));
        }
    }

    public async Task<string> IssueCredentialAsync(string siteId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return (await SiteCredentials.IssueAsync(db, siteId, "test", Time.GetUtcNow(), TestContext.Current.CancellationToken)).Credential;
    }

    public async Task<T> WithDbAsync<T>(Func<RegistryDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    public Task<HttpResponseMessage> PostUpdateAsync(string siteId, string? credential, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/registry/v1/sites/{siteId}/availability") { Content = JsonContent.Create(body) };
        if (credential is not null)
        {
            request.Headers.Add("X-Site-Credential", credential);
        }
        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing handle; the temp folder is cleaned by the OS.
        }
    }
}
