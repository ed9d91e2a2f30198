using System.Security.Cryptography;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Tests.Storage;

public sealed class SecretEncryptionTests
{
    [Fact]
    public async Task With_a_key_encryption_key_the_stored_secrets_are_encrypted_and_need_that_key_to_load()
    {
        var kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string?> { ["Verification:KeyEncryptionKey"] = kek };
        var first = await TestServer.StartAsync(StoreKind.Sqlite, settings);
        var kid = first.Initialization.CertificateKeyId;
        var pem = first.Services.GetRequiredService<Security.DomainKeys>().PublicKeyPem;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var secrets = await scope.ServiceProvider.GetRequiredService<VerificationDbContext>().Secrets.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, secrets.Count);
            Assert.All(secrets, s => Assert.True(s.Value.AsSpan().StartsWith("GFK1"u8)));
            var signing = secrets.Single(s => s.Name.StartsWith("certificate", StringComparison.Ordinal));
            using var probe = ECDsa.Create();
            Assert.ThrowsAny<CryptographicException>(() => probe.ImportPkcs8PrivateKey(signing.Value, out _));
        }
        var database = await first.StopKeepingDatabaseAsync();
        await using var cleanup = database;

        var again = await TestServer.StartAsync(StoreKind.Sqlite, settings, database);
        Assert.Equal(kid, again.Initialization.CertificateKeyId);
        Assert.Equal(pem, again.Services.GetRequiredService<Security.DomainKeys>().PublicKeyPem);
        await again.StopKeepingDatabaseAsync();

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(StoreKind.Sqlite, null, database));
        Assert.Contains("KeyEncryptionKey", missing.Message, StringComparison.Ordinal);
        var wrong = new Dictionary<string, string?> { ["Verification:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var mismatch = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(StoreKind.Sqlite, wrong, database));
        Assert.Contains("does not decrypt", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_encryption_key_that_is_not_32_bytes_stops_the_start()
    {
        var settings = new Dictionary<string, string?> { ["Verification:KeyEncryptionKey"] = "c2hvcnQ=" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(StoreKind.Sqlite, settings));

        Assert.Contains("KeyEncryptionKey", error.Message, StringComparison.Ordinal);
    }
}
