using Gardefou.Keys;
using Gardefou.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gardefou.Server;

/// <summary>
/// The Gardefou server: one process that runs the chosen trust domains (keys, verification, registry) on their
/// own databases behind shared hosting defaults. <c>gardefou serve</c> and the end-to-end tests both start it here.
/// </summary>
public sealed partial class GardefouHost : IAsyncDisposable
{
    private readonly List<string> _notes;
    private bool _started;

    private GardefouHost(WebApplication app, GardefouHostOptions options, List<string> notes)
    {
        App = app;
        Options = options;
        _notes = notes;
    }

    /// <summary>The ASP.NET Core application.</summary>
    public WebApplication App { get; }

    /// <summary>The options the host was built with.</summary>
    public GardefouHostOptions Options { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>What an operator needs after start: how to log in (printed once, never logged) and which URLs to open.</summary>
    public IReadOnlyList<string> StartupNotes => _notes;

    /// <summary>The first listening address once started (with the real port when 0 was asked for); wildcard hosts become loopback.</summary>
    public Uri BaseAddress
    {
        get
        {
            var url = App.Urls.First()
                .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://[::]:", "://[::1]:", StringComparison.Ordinal)
                .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal);
            return new Uri(url.TrimEnd('/') + "/");
        }
    }

    /// <summary>Builds the host and initializes every domain's storage (schema, signing keys, demo accounts); does not listen yet.</summary>
    public static async Task<GardefouHost> CreateAsync(GardefouHostOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.Arguments],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        if (options.ExportPeriod is { } period)
        {
            builder.Configuration[$"{KeysOptions.SectionName}:ExportPeriod"] = period.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }
        builder.WebHost.UseUrls(options.Urls);
        builder.AddGardefouHosting(options.ConsoleLogging);
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(options.TimeProvider ?? TimeProvider.System);

        var postgres = options.PostgresConnectionString ?? builder.Configuration.GetConnectionString("Postgres");
        var data = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(data);
        AddDomains(builder, options.Roles, data, string.IsNullOrWhiteSpace(postgres) ? null : postgres);

        var app = builder.Build();
        try
        {
            app.UseGardefouHosting();
            MapDomains(app, options.Roles);

            var notes = new List<string>();
            await InitializeDomainsAsync(app, options, notes, ct);
            return new GardefouHost(app, options, notes);
        }
        catch
        {
            // A start-up that fails (a wrong secret, an unreachable database) releases what it opened.
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds, initializes and starts listening.</summary>
    public static async Task<GardefouHost> StartAsync(GardefouHostOptions options, CancellationToken ct = default)
    {
        var host = await CreateAsync(options, ct);
        try
        {
            await host.StartAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts listening and the background workers.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        Options.Progress?.Invoke($"Listening on {Options.Urls}");
        await App.StartAsync(ct);
        _started = true;
        await TrustLocalVerificationAsync(ct);
        AddUrlNotes();
    }

    /// <summary>Stops listening and the workers.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_started)
        {
            _started = false;
            await App.StopAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
    }

    private static void AddDomains(WebApplicationBuilder builder, GardefouRoles roles, string data, string? postgres)
    {
        foreach (var module in ModulesOf(roles))
        {
            module.Add(builder, data, postgres);
        }
    }

    private static void MapDomains(WebApplication app, GardefouRoles roles)
    {
        foreach (var module in ModulesOf(roles))
        {
            module.Map(app);
        }
    }

    private static async Task InitializeDomainsAsync(WebApplication app, GardefouHostOptions options, List<string> notes, CancellationToken ct)
    {
        foreach (var module in ModulesOf(options.Roles))
        {
            await module.InitializeAsync(app, options, notes, ct);
        }
    }

    private void AddUrlNotes()
    {
        var root = BaseAddress.ToString().TrimEnd('/');
        foreach (var module in ModulesOf(Options.Roles))
        {
            _notes.AddRange(module.UrlNotes(root, Options));
        }
        _notes.Add($"Health: {root}/health/ready   OpenAPI: {root}/openapi/v1.json");
    }
}
