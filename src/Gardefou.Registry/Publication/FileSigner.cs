using System.Security.Cryptography;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Publication;

/// <summary>
/// Signs each published file with ECDSA P-256 over SHA-256, signature in IEEE P1363 form (r‖s, 64 bytes, base64),
/// the form WebCrypto verifies directly; the public key is published as <c>public-key.pem</c>.
/// </summary>
internal sealed class FileSigner : IDisposable
{
    private readonly ECDsa _key;

    private FileSigner(ECDsa key) => _key = key;

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Loads the registry's key from its database, creating it on first use.</summary>
    public static async Task<FileSigner> LoadOrCreateAsync(RegistryDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.SigningKeys.OrderBy(k => k.Id).FirstOrDefaultAsync(ct);
        var key = ECDsa.Create();
        if (row is null)
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            db.SigningKeys.Add(new SigningKeyRow { Pkcs8 = key.ExportPkcs8PrivateKey(), CreatedAt = now });
            await db.SaveChangesAsync(ct);
        }
        else
        {
            key.ImportPkcs8PrivateKey(row.Pkcs8, out _);
        }
        return new FileSigner(key);
    }

    public string Sign(ReadOnlySpan<byte> content) =>
        Convert.ToBase64String(_key.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>The same signature as <see cref="Sign"/>, from the content's SHA-256 already computed by the caller.</summary>
    public string SignSha256(ReadOnlySpan<byte> sha256) =>
        Convert.ToBase64String(_key.SignHash(sha256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public void Dispose() => _key.Dispose();
}
