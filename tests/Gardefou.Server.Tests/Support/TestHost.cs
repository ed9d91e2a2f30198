using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Server.Tests.Support;

/// <summary>A real <see cref="GardefouHost"/> on 127.0.0.1:0 over a temporary data directory, with captured logs and an HTTP client.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private TestHost(GardefouHost host, string directory, CapturingLoggerProvider logs)
    {
        Host = host;
        Directory = directory;
        Logs = logs;
        Client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public GardefouHost Host { get; }

    public string Directory { get; }

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Client { get; }

    public static async Task<TestHost> StartAsync(
        GardefouRoles roles = GardefouRoles.All,
        IDictionary<string, string?>? settings = null,
        TimeSpan? exportPeriod = null,
        string? postgres = null,
        TimeProvider? clock = null,
        string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "gardefou-server-tests", Guid.NewGuid().ToString("N"));
        var logs = new CapturingLoggerProvider();
        var options = new GardefouHostOptions
        {
            DataDirectory = directory,
            Urls = "http://127.0.0.1:0",
            Roles = roles,
            ExportPeriod = exportPeriod,
            PostgresConnectionString = postgres,
            TimeProvider = clock,
            ConsoleLogging = false,
            ConfigureLogging = logging =>
            {
                logging.AddProvider(logs);
                logging.AddFilter("Gardefou", LogLevel.Trace);
            },
        };
        options.Configuration["Hosting:RateLimit:PermitsPerSecond"] = "100000";
        options.Configuration["Hosting:RateLimit:Burst"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            options.Configuration[key] = value;
        }
        var host = await GardefouHost.StartAsync(options, TestContext.Current.CancellationToken);
        return new TestHost(host, directory, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A fake clock starting now (rounded to the second), for tests that move time.</summary>
    public static FakeTimeProvider FakeClock() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
}
