using Gardefou.Keys;
using Gardefou.Keys.Storage;
using Gardefou.Registry;
using Gardefou.Registry.Storage;
using Gardefou.Server.Hosting;
using Gardefou.Verification;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
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
        app.UseGardefouHosting();
        MapDomains(app, options.Roles);

        var notes = new List<string>();
        await InitializeDomainsAsync(app, options, notes, ct);
        return new GardefouHost(app, options, notes);
    }

    /// <summary>Builds, initializes and starts listening.</summary>
    public static async Task<GardefouHost> StartAsync(GardefouHostOptions options, CancellationToken ct = default)
    {
        var host = await CreateAsync(options, ct);
        await host.StartAsync(ct);
        return host;
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
        if (roles.HasFlag(GardefouRoles.Keys))
        {
            var storage = postgres is null
                ? KeysStorage.InDataDirectory(data)
                : new KeysStorage(null, postgres, "keys", Path.Combine(data, "exports"));
            builder.Services.AddKeysDomain(storage, builder.Configuration);
        }
        if (roles.HasFlag(GardefouRoles.Verification))
        {
            var storage = postgres is null
                ? VerificationStorage.ForDataDirectory(data)
                : VerificationStorage.ForPostgres(postgres);
            builder.Services.AddVerificationDomain(storage, builder.Configuration);
            // The portal's cookies and antiforgery tokens are protected by Data Protection keys; kept in the data
            // directory they survive a restart (and can be shared by instances that share the directory).
            builder.Services.AddDataProtection()
                .SetApplicationName("gardefou-verification")
                .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "dataprotection-keys")));
        }
        if (roles.HasFlag(GardefouRoles.Registry))
        {
            builder.Services.AddRegistryDomain(RegistryStorage.ForDataDirectory(data, postgres), builder.Configuration);
        }
    }

    private static void MapDomains(WebApplication app, GardefouRoles roles)
    {
        if (roles.HasFlag(GardefouRoles.Keys))
        {
            app.MapKeysDomain();
        }
        if (roles.HasFlag(GardefouRoles.Verification))
        {
            app.MapVerificationDomain();
        }
        if (roles.HasFlag(GardefouRoles.Registry))
        {
            app.MapRegistryDomain();
        }
    }

    private static async Task InitializeDomainsAsync(WebApplication app, GardefouHostOptions options, List<string> notes, CancellationToken ct)
    {
        var roles = options.Roles;
        if (roles.HasFlag(GardefouRoles.Keys))
        {
            options.Progress?.Invoke("Diagnosis keys: database and export signing key");
            await app.Services.InitializeKeysDomainAsync(ct);
        }
        if (roles.HasFlag(GardefouRoles.Verification))
        {
            options.Progress?.Invoke("Verification: database, certificate key and demo health-worker account");
            await app.Services.InitializeVerificationDomainAsync(ct);
            if (app.Services.GetRequiredService<VerificationInitialization>().CreatedAdmin is { } admin)
            {
                // Printed once by the CLI, never logged: whoever started the server is the one to log in first.
                notes.Add($"Demo health-worker account created (shown only now): realm '{admin.Realm}', user '{admin.UserName}', password '{admin.Password}'");
            }
            else
            {
                notes.Add("Health-worker accounts already exist: the demo admin's password was printed at the first start of this data directory.");
            }
        }
        if (roles.HasFlag(GardefouRoles.Registry))
        {
            var demo = options.DemoRegistryCount ?? 0;
            options.Progress?.Invoke(demo > 0
                ? $"Resource finder: database, {demo} demo sites on first start, static files"
                : "Resource finder: database and static files");
            await app.Services.InitializeRegistryDomainAsync(demo, ct);
        }
    }

    private void AddUrlNotes()
    {
        var root = BaseAddress.ToString().TrimEnd('/');
        if (Options.Roles.HasFlag(GardefouRoles.Verification))
        {
            _notes.Add($"Health workers' portal: {root}/portal   Lab API: POST {root}/api/issue (X-API-Key from 'gardefou admin create-api-key --data {Options.DataDirectory}')");
            _notes.Add($"App API: POST {root}/api/verify, POST {root}/api/certificate; certificate keys at {root}/.well-known/gardefou/verification-keys");
        }
        if (Options.Roles.HasFlag(GardefouRoles.Keys))
        {
            _notes.Add($"Diagnosis keys: POST {root}/v1/publish; exports listed at {root}/v1/exports/index.txt (signing key {root}/v1/exports/public-key.pem)");
        }
        if (Options.Roles.HasFlag(GardefouRoles.Registry))
        {
            _notes.Add($"Resource finder (tests, masks, beds): {root}/");
        }
        _notes.Add($"Health: {root}/health/ready   OpenAPI: {root}/openapi/v1.json");
    }
}
