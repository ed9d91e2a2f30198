using System.Security.Cryptography;
using System.Text;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Operators;

/// <summary>
/// Revocable site credentials: <c>gfs_&lt;id&gt;_&lt;secret&gt;</c>. The id finds the row, the 256-bit secret is kept
/// only as its SHA-256 (high entropy needs no slow hash) and compared in constant time.
/// </summary>
internal static class SiteCredentials
{
    private const string Prefix = "gfs_";

    /// <summary>Issues a credential for an existing site and returns its only plain copy.</summary>
    public static async Task<(string Credential, string Id)> IssueAsync(RegistryDbContext db, string siteId, string label, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            throw new KeyNotFoundException($"No site with id '{siteId}'.");
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = RandomNumberGenerator.GetBytes(32);
        try
        {
            db.Credentials.Add(new CredentialRow { Id = id, SiteId = siteId, SecretHash = SHA256.HashData(secret), Label = label, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return ($"{Prefix}{id}_{Base64UrlEncode(secret)}", id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>True when the credential is well formed, unrevoked, and belongs to <paramref name="siteId"/>.</summary>
    public static async Task<bool> VerifyAsync(RegistryDbContext db, string siteId, string? presented, CancellationToken ct)
    {
        if (!TryParse(presented, out var id, out var secret))
        {
            return false;
        }
        var row = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        var hash = SHA256.HashData(secret);
        CryptographicOperations.ZeroMemory(secret);
        return row is not null && row.RevokedAt is null && row.SiteId == siteId && CryptographicOperations.FixedTimeEquals(hash, row.SecretHash);
    }

    public static async Task<bool> RevokeAsync(RegistryDbContext db, string credentialId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.Credentials.SingleOrDefaultAsync(c => c.Id == credentialId, ct);
        if (row is null)
        {
            return false;
        }
        row.RevokedAt ??= now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static bool TryParse(string? presented, out string id, out byte[] secret)
    {
        id = "";
        secret = [];
        if (presented is null || presented.Length != Prefix.Length + 16 + 1 + 43 || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + 16] != '_')
        {
            return false;
        }
        id = presented.Substring(Prefix.Length, 16);
        if (!id.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }
        var text = presented[(Prefix.Length + 17)..].Replace('-', '+').Replace('_', '/') + "=";
        try
        {
            secret = Convert.FromBase64String(text);
            return secret.Length == 32;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        new StringBuilder(Convert.ToBase64String(bytes)).Replace('+', '-').Replace('/', '_').Replace("=", "").ToString();
}
