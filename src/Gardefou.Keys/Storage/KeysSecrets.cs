using System.Security.Cryptography;
using Gardefou.Keys.Features.Publish;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Storage;

/// <summary>
/// The key service's secrets, created on first start and kept in its database so that every instance sharing
/// the database signs with the same export key and reads the same revision tokens.
/// </summary>
public sealed class KeysSecrets : IDisposable
{
    internal const string ExportSigningName = "export-signing";
    internal const string RevisionName = "revision";

    private ECDsa? _exportSigningKey;
    private RevisionTokenProtector? _revision;

    /// <summary>The ECDSA P-256 key that signs export files.</summary>
    public ECDsa ExportSigningKey => _exportSigningKey ?? throw NotLoaded();

    /// <summary>The export signing key's public half as SubjectPublicKeyInfo PEM.</summary>
    public string ExportPublicKeyPem { get; private set; } = "";

    /// <summary>Encrypts and decrypts revision tokens.</summary>
    public RevisionTokenProtector Revision => _revision ?? throw NotLoaded();

    /// <summary>Whether <see cref="LoadOrCreateAsync"/> has run.</summary>
    public bool IsLoaded => _exportSigningKey is not null;

    /// <summary>Loads the secrets, creating any that is missing (the first instance to insert wins).</summary>
    public async Task LoadOrCreateAsync(KeysDbContext db, long now, CancellationToken ct)
    {
        var signing = await LoadOrCreateSecretAsync(db, ExportSigningName, () =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return key.ExportPkcs8PrivateKey();
        }, now, ct);
        var revision = await LoadOrCreateSecretAsync(db, RevisionName, () => RandomNumberGenerator.GetBytes(32), now, ct);

        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(signing, out _);
        CryptographicOperations.ZeroMemory(signing);
        _exportSigningKey?.Dispose();
        _exportSigningKey = ecdsa;
        ExportPublicKeyPem = ecdsa.ExportSubjectPublicKeyInfoPem();
        _revision = new RevisionTokenProtector(revision);
    }

    public void Dispose() => _exportSigningKey?.Dispose();

    private static async Task<byte[]> LoadOrCreateSecretAsync(KeysDbContext db, string name, Func<byte[]> create, long now, CancellationToken ct)
    {
        var existing = await db.Secrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, ct);
        if (existing is not null)
        {
            return existing.Value;
        }
        db.Secrets.Add(new SecretRow { Name = name, Value = create(), CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created it at the same moment: use theirs.
            db.ChangeTracker.Clear();
        }
        return (await db.Secrets.AsNoTracking().SingleAsync(s => s.Name == name, ct)).Value;
    }

    private static InvalidOperationException NotLoaded() =>
        new("The key service's secrets are not loaded: call InitializeKeysDomainAsync at start.");
}
