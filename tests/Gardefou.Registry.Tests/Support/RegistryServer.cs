using System.Net.Http.Json;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Operators;
using Gardefou.Registry.Storage;
using Gardefou.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Registry.Tests.Support;

/// <summary>
/// The registry role alone in the real host (tests/Shared/LoopbackHost: GardefouHost on 127.0.0.1), a fresh data
/// folder unless one is given, a fake clock and every log record captured (the domain's at Trace).
/// </summary>
internal sealed class RegistryServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero); // a Monday, 11:00 in Paris

    private readonly LoopbackHost _host;

    private RegistryServer(LoopbackHost host, FakeTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public WebApplication App => _host.Host.App;
    public string DataDirectory => _host.DataDirectory;
    public FakeTimeProvider Time { get; }
    public FakeLogCollector Logs => _host.Logs;
    public HttpClient Client => _host.Client;
    public Uri BaseAddress => _host.BaseAddress;
    public RegistryState State => App.Services.GetRequiredService<RegistryState>();
    public Registry.Publication.StaticPublisher Publisher => App.Services.GetRequiredService<Registry.Publication.StaticPublisher>();

    /// <summary>
    /// Starts the registry with <paramref name="demoSites"/> demo sites. With <paramref name="dataDirectory"/> (and
    /// <paramref name="postgres"/> for the tables) a test can start again on the same data.
    /// </summary>
    public static async Task<RegistryServer> StartAsync(
        int demoSites = 0, Dictionary<string, string?>? settings = null, DateTimeOffset? start = null, string? dataDirectory = null, string? postgres = null)
    {
        var time = new FakeTimeProvider(start ?? Start);
        var layered = new Dictionary<string, string?>
        {
            ["Registry:AdminUser"] = "admin",
            ["Registry:AdminPassword"] = "correct horse battery",
            ["Registry:PublishDebounce"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? [])
        {
            layered[key] = value;
        }
        var host = await LoopbackHost.StartAsync(
            GardefouRoles.Registry, layered, postgres: postgres, clock: time, dataDirectory: dataDirectory, demoSites: demoSites);
        return new RegistryServer(host, time);
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
