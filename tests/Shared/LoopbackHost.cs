using System.Globalization;
using Gardefou.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Gardefou.Tests.Shared;

/// <summary>
/// The one way tests host the server over HTTP: the real <see cref="GardefouHost"/> (the composition
/// <c>gardefou serve</c> runs, hosting defaults included) with the wanted roles, on real Kestrel at 127.0.0.1 on a
/// free port, with the given clock and every log record kept in a <see cref="FakeLogCollector"/>. A domain's tests
/// ask for its role alone (<c>GardefouRoles.Registry</c>); end-to-end tests ask for several.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly bool _ownsDataDirectory;

    private LoopbackHost(GardefouHost host, string dataDirectory, bool ownsDataDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The running host.</summary>
    public GardefouHost Host { get; }

    /// <summary>The host's data directory (SQLite files, export and static folders, Data Protection keys).</summary>
    public string DataDirectory { get; }

    /// <summary>A client for <see cref="BaseAddress"/>.</summary>
    public HttpClient Client { get; }

    public Uri BaseAddress => Host.BaseAddress;

    public IServiceProvider Services => Host.Services;

    /// <summary>Every log record the host wrote.</summary>
    public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

    /// <summary>
    /// Every log record as one line: level, category, event id, message, structured values, scopes and exception,
    /// so a scan for a planted marker sees everything a logging provider could be handed.
    /// </summary>
    public IReadOnlyList<string> LogLines => [.. Logs.GetSnapshot().Select(Line)];

    /// <summary><see cref="LogLines"/> joined, one record a line.</summary>
    public string LogText => string.Join('\n', LogLines);

    /// <summary>
    /// Starts a host with <paramref name="roles"/>. Settings are laid over the test defaults (the host's per-client
    /// rate limit raised out of the way, as tests send from one address); without <paramref name="dataDirectory"/> a
    /// fresh temporary one is made and deleted at dispose, a given one is left to its owner. Logs pass the host's own
    /// filter (framework categories at Warning, which keeps request lines with their query strings out) with every
    /// Gardefou category opened to Trace, so a scan sees all the product could write.
    /// </summary>
    public static async Task<LoopbackHost> StartAsync(
        GardefouRoles roles,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        TimeSpan? exportPeriod = null,
        string? postgres = null,
        TimeProvider? clock = null,
        string? dataDirectory = null,
        int demoSites = 0)
    {
        var owns = dataDirectory is null;
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "gardefou-tests", Guid.NewGuid().ToString("N"));
        var options = new GardefouHostOptions
        {
            DataDirectory = data,
            Urls = "http://127.0.0.1:0",
            Roles = roles,
            ExportPeriod = exportPeriod,
            PostgresConnectionString = postgres,
            TimeProvider = clock,
            DemoRegistryCount = demoSites,
            ConsoleLogging = false,
            ConfigureLogging = logging =>
            {
                logging.AddFakeLogging();
                logging.AddFilter("Gardefou", LogLevel.Trace);
            },
        };
        options.Configuration["Hosting:RateLimit:PermitsPerSecond"] = "100000";
        options.Configuration["Hosting:RateLimit:Burst"] = "100000";
        foreach (var (key, value) in settings ?? [])
        {
            options.Configuration[key] = value;
        }
        try
        {
            var host = await GardefouHost.StartAsync(options, TestContext.Current.CancellationToken);
            return new LoopbackHost(host, data, owns);
        }
        catch
        {
            if (owns)
            {
                DeleteDirectory(data);
            }
            throw;
        }
    }

    /// <summary>Stops the host; a temporary data directory is deleted, a given one kept for the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        if (_ownsDataDirectory)
        {
            DeleteDirectory(DataDirectory);
        }
    }

    private static void DeleteDirectory(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Gone already, or a file still held by a closing handle: the temporary folder is cleaned by the system.
        }
    }

    private static string Line(FakeLogRecord record)
    {
        var values = string.Join(' ', record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? []);
        var scopes = string.Join(' ', record.Scopes.Select(s => $"scope: {s}"));
        return string.Create(CultureInfo.InvariantCulture, $"{record.Level} {record.Category}[{record.Id.Id}] {record.Message} {values} {scopes} {record.Exception}");
    }
}
