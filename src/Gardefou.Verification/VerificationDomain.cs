using Gardefou.Hosting.Options;
using Gardefou.Hosting.Storage;
using Gardefou.Hosting.Timing;
using Gardefou.Verification.Accounts;
using Gardefou.Verification.Api;
using Gardefou.Verification.Certificates;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Features.Certificate;
using Gardefou.Verification.Features.Issue;
using Gardefou.Verification.Features.PublicKeys;
using Gardefou.Verification.Features.Verify;
using Gardefou.Verification.Portal;
using Gardefou.Verification.Security;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification;

/// <summary>
/// The verification trust domain: health workers' accounts, one-time codes (kept as HMACs only), tokens and
/// certificates. A host adds it, initializes it once, then maps its endpoints.
/// </summary>
public static class VerificationDomain
{
    /// <summary>Registers the domain's services: its database, options (section <c>Verification</c>), keys, throttle and portal.</summary>
    public static IServiceCollection AddVerificationDomain(this IServiceCollection services, VerificationStorage storage, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!storage.UsesPostgres && string.IsNullOrWhiteSpace(storage.SqlitePath))
        {
            throw new ArgumentException("Give either a SQLite path or a PostgreSQL connection string.", nameof(storage));
        }
        services.AddValidatedOptions<VerificationOptions>(configuration, VerificationOptions.SectionName)
            .Required(o => o.Issuer, "Verification:Issuer")
            .Required(o => o.Audience, "Verification:Audience")
            .Within(o => o.ShortCodeLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), "Verification:ShortCodeLifetime")
            .Within(o => o.LongCodeLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), "Verification:LongCodeLifetime")
            .Within(o => o.TokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), "Verification:TokenLifetime")
            .Within(o => o.CertificateLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), "Verification:CertificateLifetime")
            .Within(o => o.VerifyRequestsPerMinute, 1, 100_000, "Verification:VerifyRequestsPerMinute")
            .Within(o => o.SignInRequestsPerMinute, 1, 100_000, "Verification:SignInRequestsPerMinute")
            .Within(o => o.SignInFreeFailures, 1, 100, "Verification:SignInFreeFailures")
            .Within(o => o.SignInBackoffBase, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "Verification:SignInBackoffBase")
            .Within(o => o.SignInBackoffCap, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "Verification:SignInBackoffCap")
            .Within(o => o.SignInUntrustedFailuresPerHour, 1, 100_000, "Verification:SignInUntrustedFailuresPerHour")
            .Within(o => o.PasswordHashingConcurrency, 0, 1024, "Verification:PasswordHashingConcurrency")
            .Within(o => o.PortalSessionLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), "Verification:PortalSessionLifetime")
            .Within(o => o.PortalIdleTimeout, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), "Verification:PortalIdleTimeout")
            .Required(o => o.TimeZone, "Verification:TimeZone")
            .Within(o => o.CountRetentionDays, 1, 400, "Verification:CountRetentionDays")
            .Within(o => o.MaxRequestBytes, 256, 1_048_576, "Verification:MaxRequestBytes")
            .Within(o => o.WrongCodesPerRealmPerMinute, 1, 1_000_000, "Verification:WrongCodesPerRealmPerMinute")
            .Within(o => o.WrongCodesPerMinute, 1, 1_000_000, "Verification:WrongCodesPerMinute")
            .Within(o => o.DailyIssueQuota, 0, 10_000_000, "Verification:DailyIssueQuota")
            .Within(o => o.PaddedAnswerBytes, 1024, 65_536, "Verification:PaddedAnswerBytes")
            .Required(o => o.DemoRealm, "Verification:DemoRealm")
            .Validate(o => o.KeyEncryptionKey is null || SecretProtector.TryParseKey(o.KeyEncryptionKey, out _), "Verification:KeyEncryptionKey must be the base64 of 32 bytes.")
            .Validate(o => TrustedProxyStartupFilter.AreValid(o.TrustedProxies), "Verification:TrustedProxies entries must be IP addresses or CIDR networks, e.g. 10.0.0.5 or 10.0.0.0/24.")
            .Validate(Portal.RealmClock.AreValid, "Verification:TimeZone and Verification:RealmTimeZones must be IANA time zone ids known to this system, e.g. Europe/Paris.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(storage);
        services.AddDbContext<VerificationDbContext>(o => DomainDatabase.Configure(o, storage.Database));
        services.AddSingleton<DomainKeys>();
        services.AddKeyedSingleton(ClientThrottle.Verify, (sp, _) => new ClientThrottle(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<VerificationOptions>>().Value.VerifyRequestsPerMinute));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<VerificationOptions>>().Value;
            return new GuessBudget(sp.GetRequiredService<TimeProvider>(), o.WrongCodesPerRealmPerMinute, o.WrongCodesPerMinute);
        });
        services.AddKeyedSingleton(UploadTimings.Verify, (_, _) => new ResponseTiming());
        services.AddKeyedSingleton(UploadTimings.Certificate, (_, _) => new ResponseTiming());
        services.AddKeyedSingleton(ClientThrottle.SignIn, (sp, _) => new ClientThrottle(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<VerificationOptions>>().Value.SignInRequestsPerMinute));
        services.AddSingleton<VerificationInitialization>();
        services.AddScoped<CodeService>();
        services.AddScoped<AccountService>();
        services.AddScoped<CertificateFactory>();
        services.AddPortal();
        return services;
    }

    /// <summary>
    /// Creates the schema if missing, loads or creates the code HMAC key and the certificate-signing key, seeds the
    /// demo realm and, on first start, its admin account (see <see cref="VerificationInitialization"/>). Idempotent.
    /// </summary>
    public static async Task InitializeVerificationDomainAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<VerificationDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var options = provider.GetRequiredService<IOptions<VerificationOptions>>().Value;
        var state = provider.GetRequiredService<VerificationInitialization>();
        await VerificationSchema.EnsureAsync(db, provider.GetRequiredService<VerificationStorage>(), ct);
        var keys = provider.GetRequiredService<DomainKeys>();
        await keys.LoadAsync(db, SecretProtector.TryParseKey(options.KeyEncryptionKey, out var kek) ? kek : null, now, ct);
        state.CertificateKeyId = keys.KeyId;
        var codes = provider.GetRequiredService<CodeService>();
        if (codes.IsPastSunset)
        {
            await codes.PurgeAfterSunsetAsync(ct);
        }

        var (realm, _) = await Realms.EnsureAsync(db, options.DemoRealm, now, ct, requireDate: false);
        foreach (var (name, settings) in options.Realms)
        {
            if (!Realms.IsValidName(name))
            {
                throw new InvalidOperationException($"Verification:Realms: '{name}' is not a realm name (1 to 64 lower-case letters, digits, '-' or '_').");
            }
            await Realms.ApplyAsync(db, name, settings, name == options.DemoRealm, now, ct);
        }
        if (!await db.HealthWorkers.AnyAsync(u => u.RealmId == realm.Id, ct))
        {
            var created = await provider.GetRequiredService<AccountService>().CreateAsync(realm.Id, $"{realm.Name}-admin", HealthWorkerRole.Admin, ct);
            if (created is { } c)
            {
                state.CreatedAdmin = new DemoAdminCredentials(realm.Name, c.User.UserName, c.Password);
            }
        }
        Log.Initialized(provider.GetRequiredService<ILoggerFactory>().CreateLogger(Log.Category), keys.KeyId);
    }

    /// <summary>
    /// Maps <c>POST /api/issue</c>, <c>POST /api/verify</c>, <c>POST /api/certificate</c>,
    /// <c>GET /.well-known/gardefou/verification-keys</c> and the portal under <c>/portal</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapVerificationDomain(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIssue();
        endpoints.MapVerify();
        endpoints.MapCertificate();
        endpoints.MapPublicKeys();
        endpoints.MapPortal();
        return endpoints;
    }

    /// <summary>
    /// Creates a lab's API key for <paramref name="realm"/> (creating the schema and the realm if needed) and returns it
    /// once. Used by <c>gardefou admin create-api-key</c>; needs <see cref="AddVerificationDomain"/>, not initialization.
    /// </summary>
    public static Task<CreatedApiKey> CreateApiKeyAsync(this IServiceProvider services, string realm, string name, CancellationToken ct = default) =>
        services.CreateApiKeyAsync(realm, name, ApiKeyKind.Admin, ct);

    /// <summary>
    /// Creates an API key of <paramref name="kind"/> (a lab's <see cref="ApiKeyKind.Admin"/> key for <c>/api/issue</c>, or
    /// an app's <see cref="ApiKeyKind.Device"/> key for verify and certificate) and returns it once.
    /// </summary>
    public static async Task<CreatedApiKey> CreateApiKeyAsync(this IServiceProvider services, string realm, string name, ApiKeyKind kind, CancellationToken ct = default)
    {
        if (!Realms.IsValidName(realm))
        {
            throw new ArgumentException("A realm name is 1 to 64 lower-case letters, digits, '-' or '_'.", nameof(realm));
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A key name is 1 to 100 characters.", nameof(name));
        }
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<VerificationDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await VerificationSchema.EnsureAsync(db, provider.GetRequiredService<VerificationStorage>(), ct);
        var demo = realm == provider.GetRequiredService<IOptions<VerificationOptions>>().Value.DemoRealm;
        var (row, created) = await Realms.EnsureAsync(db, realm, now, ct, requireDate: !demo);
        var (key, id) = await ApiKeys.CreateAsync(db, row.Id, name, now, ct, kind);
        return new CreatedApiKey(row.Name, name, key, created) { KeyId = id };
    }
}
