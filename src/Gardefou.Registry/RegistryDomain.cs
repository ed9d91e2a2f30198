using Gardefou.Hosting.Options;
using Gardefou.Hosting.SignIn;
using Gardefou.Hosting.Storage;
using Gardefou.Registry.Admin;
using Gardefou.Registry.Demo;
using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Freshness;
using Gardefou.Registry.Pages;
using Gardefou.Registry.Publication;
using Gardefou.Registry.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry;

/// <summary>
/// The registry trust domain: test sites, pharmacies, hospitals and what they have now. The host calls
/// <see cref="AddRegistryDomain"/>, then <see cref="InitializeRegistryDomainAsync"/>, then <see cref="MapRegistryDomain"/>.
/// </summary>
public static class RegistryDomain
{
    /// <summary>Registers the registry's database, in-memory index, static publisher and options (section <c>Registry</c>).</summary>
    public static IServiceCollection AddRegistryDomain(this IServiceCollection services, RegistryStorage storage, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.AddValidatedOptions<RegistryOptions>(configuration, "Registry")
            .Validate(o => o.TestTtl > TimeSpan.Zero && o.MaskTtl > TimeSpan.Zero && o.BedTtl > TimeSpan.Zero, "Registry TTLs must be positive.")
            .Validate(o => o.AdminPassword is null || o.AdminPassword.Length >= 12, "Registry:AdminPassword must have at least 12 characters.")
            .Validate(o => o.BasemapPmtiles is null || File.Exists(o.BasemapPmtiles), "Registry:BasemapPmtiles must name an existing PMTiles file.")
            .Validate(o => o.TrustedProxy is null || System.Net.IPAddress.TryParse(o.TrustedProxy, out _), "Registry:TrustedProxy must be an IP address.")
            .Validate(o => o.MaxSearchResponseBytes >= 4096, "Registry:MaxSearchResponseBytes must be at least 4096.");
        services.AddSingleton(storage);
        services.AddSingleton(new RegistrySchema(storage.Database));
        services.AddDbContext<RegistryDbContext>(o => DomainDatabase.Configure(o, storage.Database));
        services.TryAddSingletonTimeProvider();
        services.AddSingleton<FreshnessPolicy>();
        services.AddSingleton<RegistryState>();
        services.AddSingleton<AvailabilityCommitter>();
        services.AddSingleton<StaticPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<StaticPublisher>());
        services.AddKeyedSingleton(AdminSignIn.ServiceKey, (sp, _) => new SignInThrottle(AdminSignIn.Policy, sp.GetRequiredService<TimeProvider>(),
            logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger<SignInThrottle>()));
        services.AddSingleton<DemoReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoReporter>());
        // ASP.NET Core's request log line carries the path and query string, which for a search is the
        // searcher's place: the registry never lets it be written, whatever the host's logging defaults.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        return services;
    }

    /// <summary>
    /// Creates the schema if missing, creates the first administrator from configuration, seeds
    /// <paramref name="demoSites"/> demo sites once, loads the in-memory index and publishes the static files.
    /// Idempotent.
    /// </summary>
    public static async Task InitializeRegistryDomainAsync(this IServiceProvider services, int demoSites = 0, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<RegistryOptions>>().Value;
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await RegistryDatabase.EnsureCreatedAsync(db, ct);
        if (options.AdminUser is { Length: > 0 } user && options.AdminPassword is { } password && !await db.AdminAccounts.AnyAsync(ct))
        {
            await AdminAccounts.CreateAsync(db, user, password, time.GetUtcNow(), ct);
        }
        var freshness = scope.ServiceProvider.GetRequiredService<FreshnessPolicy>();
        await DemoSeeder.SeedAsync(db, demoSites, options.DemoSeed, time.GetUtcNow(), ct, freshness: freshness);
        var state = scope.ServiceProvider.GetRequiredService<RegistryState>();
        if (state.Index.Count == 0)
        {
            await state.LoadAsync(db, ct);
        }
        await scope.ServiceProvider.GetRequiredService<StaticPublisher>().PublishAllAsync(ct);
        if (demoSites > 0 && options.DemoReporting)
        {
            // Demo mode: the demo sites keep reporting on a simulated schedule (docs/registry.md).
            scope.ServiceProvider.GetRequiredService<DemoReporter>().Enable();
        }
    }

    /// <summary>Maps the public API, static publication, public pages, operator page and admin pages.</summary>
    public static IEndpointRouteBuilder MapRegistryDomain(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSearch();
        endpoints.MapAvailability();
        endpoints.MapStaticPublication();
        endpoints.MapPublicPages();
        endpoints.MapAdminPages();
        return endpoints;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
