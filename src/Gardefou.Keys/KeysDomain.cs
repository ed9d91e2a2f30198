using Gardefou.Hosting.Options;
using Gardefou.Hosting.Timing;
using Gardefou.Keys.Features.Export;
using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Features.Retention;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Trust;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Keys;

/// <summary>
/// The diagnosis-key trust domain: anonymous keys in, signed export batches out, everything deleted after
/// 14 days. It holds no identity, no code and no address, and references no other domain.
/// </summary>
public static class KeysDomain
{
    /// <summary>Health-check tag the host uses for <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the domain's services on <paramref name="storage"/>; options come from the <c>Keys</c> section.</summary>
    public static IServiceCollection AddKeysDomain(this IServiceCollection services, KeysStorage storage, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(storage);
        services.AddValidatedOptions<KeysOptions>(configuration, KeysOptions.SectionName)
            .Validate(o => o.ExportPeriod >= TimeSpan.FromSeconds(1), "Keys:ExportPeriod must be at least one second.")
            .Validate(o => o.MaxKeysPerFile is >= 1 and <= 500_000, "Keys:MaxKeysPerFile must be 1 to 500000.")
            .Validate(o => o.MinimumBatchSize >= 0 && o.PaddingJitter >= 0, "Keys:MinimumBatchSize and Keys:PaddingJitter must not be negative.")
            .Validate(o => o.ResponseSize is >= 1024 and <= 16384, "Keys:ResponseSize must be 1024 to 16384 bytes.")
            .Validate(o => !o.DebugReleaseSameDayKeys || o.IsDemo,
                "Keys:DebugReleaseSameDayKeys is a demo setting: it is refused when Keys:HealthAuthorities configures a real health authority.");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KeysOptions>>().Value);
        // Options built once, not per request: building them (and EF's lookup of its internal services by options)
        // cost more CPU per publish than inserting the keys.
        services.AddDbContext<KeysDbContext>(db => KeysDatabase.Configure(db, storage), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddSingleton<KeysSecrets>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<UploadWriter>();
        services.AddSingleton<ResponseTiming>();
        services.AddSingleton<HealthAuthorityTrust>();
        services.AddHttpClient();
        services.AddScoped<PublishService>();
        services.AddScoped<ExportPublisher>();
        services.AddScoped<RetentionService>();
        services.AddScoped<HourMixer>();
        services.AddHostedService<KeysWorker>();
        services.AddHealthChecks().AddCheck<KeysHealthCheck>("keys", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Creates or upgrades the schema and creates the secrets (export signing key, revision key); idempotent.</summary>
    public static async Task InitializeKeysDomainAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var storage = services.GetRequiredService<KeysStorage>();
        var clock = services.GetRequiredService<TimeProvider>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeysDbContext>();
        await KeysDatabase.CreateSchemaAsync(db, storage, ct);
        if (services.GetRequiredService<KeysOptions>().DebugReleaseSameDayKeys)
        {
            Log.SameDayRelease(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeysDomain)));
        }
        var secrets = services.GetRequiredService<KeysSecrets>();
        await secrets.LoadOrCreateAsync(db, clock.GetUtcNow().ToUnixTimeSeconds(), ct);
    }

    /// <summary>Maps <c>/v1/publish</c> and <c>/v1/exports/…</c>.</summary>
    public static IEndpointRouteBuilder MapKeysDomain(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPublish();
        endpoints.MapExports();
        return endpoints;
    }
}
