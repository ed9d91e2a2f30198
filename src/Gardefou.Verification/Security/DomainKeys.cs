using System.Security.Cryptography;
using System.Text;
using Gardefou.Verification.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Security;

/// <summary>
/// The domain's long-lived secrets: the HMAC key under which codes are stored and the ECDSA P-256 key
/// that signs certificates. Created on first start, kept in the domain's database, loaded by
/// <see cref="VerificationDomain.InitializeVerificationDomainAsync"/>.
/// </summary>
internal sealed class DomainKeys : IDisposable
{
    private byte[]? _codeHmacKey;
    private byte[]? _deviceCookieKey;
    private ECDsa? _signingKey;

    public bool IsLoaded => _codeHmacKey is not null && _signingKey is not null;

    public ReadOnlySpan<byte> CodeHmacKey => _codeHmacKey ?? throw NotLoaded();

    /// <summary>
    /// The key of the portal's device cookies, derived from the code key (HKDF, its own label): it lives as long as the
    /// domain's secrets, so device cookies outlive a restart and every instance on the database reads them.
    /// </summary>
    public byte[] DeviceCookieKey => _deviceCookieKey ?? throw NotLoaded();

    public ECDsa SigningKey => _signingKey ?? throw NotLoaded();

    /// <summary>Key id: the first 8 bytes of SHA-256 over the SubjectPublicKeyInfo, in hex.</summary>
    public string KeyId { get; private set; } = "";

    public string PublicKeyPem { get; private set; } = "";

    public async Task LoadAsync(VerificationDbContext db, byte[]? keyEncryptionKey, DateTime now, CancellationToken ct)
    {
        var hmac = await GetOrCreateAsync(db, keyEncryptionKey, SecretNames.CodeHmacKey, () => RandomNumberGenerator.GetBytes(32), now, ct);
        var pkcs8 = await GetOrCreateAsync(db, keyEncryptionKey, SecretNames.CertificateSigningKey, NewSigningKey, now, ct);
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        CryptographicOperations.ZeroMemory(pkcs8);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        lock (this)
        {
            _signingKey?.Dispose();
            _signingKey = ecdsa;
            _codeHmacKey = hmac;
            _deviceCookieKey = HKDF.Expand(HashAlgorithmName.SHA256, hmac, 32, "gardefou portal device cookie v1"u8.ToArray());
            KeyId = Convert.ToHexStringLower(SHA256.HashData(spki).AsSpan(0, 8));
            PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", spki);
        }
    }

    public void Dispose() => _signingKey?.Dispose();

    private static byte[] NewSigningKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKey();
    }

    private static async Task<byte[]> GetOrCreateAsync(VerificationDbContext db, byte[]? kek, string name, Func<byte[]> create, DateTime now, CancellationToken ct)
    {
        var existing = await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct);
        if (existing is not null)
        {
            return SecretProtector.Unprotect(kek, name, existing.Value);
        }
        var value = create();
        var secret = new ServerSecret { Name = name, Value = SecretProtector.Protect(kek, name, value), CreatedAt = now };
        db.Secrets.Add(secret);
        try
        {
            await db.SaveChangesAsync(ct);
            return value;
        }
        catch (DbUpdateException)
        {
            // Another instance sharing the database created it first: use theirs.
            db.Entry(secret).State = EntityState.Detached;
            return SecretProtector.Unprotect(kek, name, (await db.Secrets.AsNoTracking().FirstAsync(s => s.Name == name, ct)).Value);
        }
    }

    private static InvalidOperationException NotLoaded() =>
        new("The verification domain is not initialized: call InitializeVerificationDomainAsync before serving requests.");

    /// <summary>HMAC-SHA256 of a normalized code under the code key; the kind is bound in so a short code never matches a long one.</summary>
    public byte[] CodeHmac(char kind, string normalizedCode)
    {
        Span<byte> input = stackalloc byte[1 + 64];
        input[0] = (byte)kind;
        var n = Encoding.ASCII.GetBytes(normalizedCode.AsSpan(0, Math.Min(normalizedCode.Length, 64)), input[1..]);
        return HMACSHA256.HashData(CodeHmacKey, input[..(1 + n)]);
    }
}
