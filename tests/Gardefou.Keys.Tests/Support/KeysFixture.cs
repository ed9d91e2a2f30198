using System.Security.Cryptography;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Trust;
using Gardefou.Protocol.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Keys.Tests.Support;

/// <summary>
/// The key domain on a real database (a SQLite file in a temporary directory, or a PostgreSQL schema) with a fake
/// clock, and a certificate issuer whose public key the domain trusts as health authority <c>demo</c>.
/// </summary>
internal sealed class KeysFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 17, 0, TimeSpan.Zero);

    private KeysFixture(ServiceProvider services, string directory, FakeTimeProvider clock, ECDsa issuerKey, string? databaseToDrop)
    {
        Services = services;
        Directory = directory;
        Clock = clock;
        IssuerKey = issuerKey;
        DatabaseToDrop = databaseToDrop;
        Issuer = new CertificateIssuer(issuerKey, "test-kid", HealthAuthorityTrust.DefaultIssuer, HealthAuthorityTrust.DefaultAudience, clock);
    }

    public ServiceProvider Services { get; }

    public string Directory { get; }

    public FakeTimeProvider Clock { get; }

    public ECDsa IssuerKey { get; }

    public CertificateIssuer Issuer { get; }

    public string? DatabaseToDrop { get; }

    public string ExportDirectory => Services.GetRequiredService<KeysStorage>().ExportDirectory;

    /// <summary>A fixture on SQLite in a fresh temporary directory.</summary>
    public static Task<KeysFixture> CreateAsync(IDictionary<string, string?>? settings = null, DateTimeOffset? start = null) =>
        CreateAsync(directory => KeysStorage.ForDataDirectory(directory), settings, start, null, null, null);

    /// <summary>A fixture on a PostgreSQL database; exports in <paramref name="exportDirectory"/> (shared between instances) or a fresh directory.</summary>
    public static Task<KeysFixture> CreatePostgresAsync(string connectionString, string? exportDirectory, FakeTimeProvider? clock, ECDsa? issuerKey, IDictionary<string, string?>? settings = null) =>
        CreateAsync(directory => KeysStorage.ForPostgres(connectionString, directory) with { ExportDirectory = exportDirectory ?? Path.Combine(directory, "exports") }, settings, null, clock, issuerKey, null);

    private static async Task<KeysFixture> CreateAsync(Func<string, KeysStorage> storage, IDictionary<string, string?>? settings, DateTimeOffset? start, FakeTimeProvider? clock, ECDsa? issuerKey, string? drop)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gardefou-keys-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        clock ??= new FakeTimeProvider(start ?? Start);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Keys:ExportPeriod"] = "01:00:00", ["Keys:DailyExports"] = "false" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<TimeProvider>(clock)
            .AddKeysDomain(storage(directory), configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await services.InitializeKeysDomainAsync();
        issuerKey ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        services.GetRequiredService<HealthAuthorityTrust>().TrustKeySet(HealthAuthorityTrust.DemoAuthority, new VerificationKeySetJson(
            HealthAuthorityTrust.DefaultIssuer, HealthAuthorityTrust.DefaultAudience, [new VerificationKeyJson("test-kid", "ES256", issuerKey.ExportSubjectPublicKeyInfoPem())]));
        return new KeysFixture(services, directory, clock, issuerKey, drop);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
