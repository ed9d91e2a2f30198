using Gardefou.Keys;
using Gardefou.Keys.Storage;
using Gardefou.Registry;
using Gardefou.Registry.Storage;
using Gardefou.Verification;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Server;

/// <summary>The role-to-module table: what the host does for each trust domain it runs, in one place.</summary>
public sealed partial class GardefouHost
{
    private static readonly DomainModule[] s_modules =
    [
        new(GardefouRoles.Keys, AddKeys, app => app.MapKeysDomain(), InitializeKeysAsync, KeysNotes),
        new(GardefouRoles.Verification, AddVerification, app => app.MapVerificationDomain(), InitializeVerificationAsync, VerificationNotes),
        new(GardefouRoles.Registry, AddRegistry, app => app.MapRegistryDomain(), InitializeRegistryAsync, RegistryNotes),
    ];

    private static IEnumerable<DomainModule> ModulesOf(GardefouRoles roles) => s_modules.Where(m => (roles & m.Role) != 0);

    private static void AddKeys(WebApplicationBuilder builder, string data, string? postgres) =>
        builder.Services.AddKeysDomain(postgres is null ? KeysStorage.ForDataDirectory(data) : KeysStorage.ForPostgres(postgres, data), builder.Configuration);

    private static void AddVerification(WebApplicationBuilder builder, string data, string? postgres)
    {
        var storage = postgres is null ? VerificationStorage.ForDataDirectory(data) : VerificationStorage.ForPostgres(postgres);
        builder.Services.AddVerificationDomain(storage, builder.Configuration);
        // The portal's cookies and antiforgery tokens are protected by Data Protection keys; kept in the data
        // directory they survive a restart (and can be shared by instances that share the directory).
        builder.Services.AddDataProtection()
            .SetApplicationName("gardefou-verification")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "dataprotection-keys")));
    }

    private static void AddRegistry(WebApplicationBuilder builder, string data, string? postgres) =>
        builder.Services.AddRegistryDomain(postgres is null ? RegistryStorage.ForDataDirectory(data) : RegistryStorage.ForPostgres(postgres, data), builder.Configuration);

    private static async Task InitializeKeysAsync(WebApplication app, GardefouHostOptions options, List<string> notes, CancellationToken ct)
    {
        options.Progress?.Invoke("Diagnosis keys: database and export signing key");
        await app.Services.InitializeKeysDomainAsync(ct);
    }

    private static async Task InitializeVerificationAsync(WebApplication app, GardefouHostOptions options, List<string> notes, CancellationToken ct)
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

    private static async Task InitializeRegistryAsync(WebApplication app, GardefouHostOptions options, List<string> notes, CancellationToken ct)
    {
        var demo = options.DemoRegistryCount ?? 0;
        options.Progress?.Invoke(demo > 0
            ? $"Resource finder: database, {demo} demo sites on first start, static files"
            : "Resource finder: database and static files");
        await app.Services.InitializeRegistryDomainAsync(demo, ct);
    }

    private static IEnumerable<string> KeysNotes(string root, GardefouHostOptions options) =>
        [$"Diagnosis keys: POST {root}/v1/publish; exports listed at {root}/v1/exports/index.txt (signing key {root}/v1/exports/public-key.pem)"];

    private static IEnumerable<string> VerificationNotes(string root, GardefouHostOptions options) =>
    [
        $"Health workers' portal: {root}/portal   Lab API: POST {root}/api/issue (X-API-Key from 'gardefou admin create-api-key --data {options.DataDirectory}')",
        $"App API: POST {root}/api/verify, POST {root}/api/certificate; certificate keys at {root}/.well-known/gardefou/verification-keys",
    ];

    private static IEnumerable<string> RegistryNotes(string root, GardefouHostOptions options) => [$"Resource finder (tests, masks, beds): {root}/"];

    /// <summary>One trust domain as the host runs it: register, map, initialize, and the URLs to tell the operator.</summary>
    private sealed record DomainModule(
        GardefouRoles Role,
        Action<WebApplicationBuilder, string, string?> Add,
        Action<WebApplication> Map,
        Func<WebApplication, GardefouHostOptions, List<string>, CancellationToken, Task> InitializeAsync,
        Func<string, GardefouHostOptions, IEnumerable<string>> UrlNotes);
}
