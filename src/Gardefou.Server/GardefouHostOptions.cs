using Microsoft.Extensions.Logging;

namespace Gardefou.Server;

/// <summary>How to start a Gardefou host: which roles, where the data lives, where to listen.</summary>
public sealed class GardefouHostOptions
{
    /// <summary>The default listening address of <c>gardefou serve</c>.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Data directory holding the SQLite files and the exports (default <c>./data</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Listening URLs, semicolon-separated; <c>http://127.0.0.1:0</c> picks a free port.</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The domains to run.</summary>
    public GardefouRoles Roles { get; set; } = GardefouRoles.All;

    /// <summary>Export window length; null keeps the configuration's value (default one hour).</summary>
    public TimeSpan? ExportPeriod { get; set; }

    /// <summary>PostgreSQL connection string; null uses SQLite files under <see cref="DataDirectory"/> (or <c>ConnectionStrings:Postgres</c>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>When set, the registry role seeds this many demo sites.</summary>
    public int? DemoRegistryCount { get; set; }

    /// <summary>The clock of every domain; tests pass a FakeTimeProvider.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Configuration values laid over the defaults (e.g. <c>Keys:Retention</c>).</summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra logging set-up (tests add a capturing provider here).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Whether to write the console log (off in tests and benchmarks that capture logs themselves).</summary>
    public bool ConsoleLogging { get; set; } = true;

    /// <summary>
    /// Told, before each slow start-up step (database schema, signing keys, demo data), what is about to happen, so a
    /// command can show progress instead of minutes of silence on a first start.
    /// </summary>
    public Action<string>? Progress { get; set; }

    /// <summary>Command-line style arguments passed to the configuration (e.g. <c>--Keys:Region=US</c>).</summary>
    public IReadOnlyList<string> Arguments { get; set; } = [];
}
