using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Accounts;

/// <summary>API keys for labs and apps: 256 random bits, shown once, stored as SHA-256 (high entropy needs no slow hash).</summary>
internal static class ApiKeys
{
    public const string Prefix = "gfv_";

    public static async Task<(string Key, int Id)> CreateAsync(VerificationDbContext db, int realmId, string name, DateTime now, CancellationToken ct, ApiKeyKind kind = ApiKeyKind.Admin)
    {
        var key = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = new ApiKey
        {
            RealmId = realmId,
            Name = name,
            KeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key)),
            CreatedAt = now,
            Kind = kind,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return (key, row.Id);
    }

    /// <summary>
    /// Marks a key revoked. <c>POST /api/issue</c> reads the flag on every request (no cache), so the key stops
    /// working at once. The row stays, so the revocation is recorded and the key can never come back.
    /// </summary>
    public static async Task RevokeAsync(VerificationDbContext db, ApiKey key, CancellationToken ct)
    {
        key.Revoked = true;
        await db.SaveChangesAsync(ct);
    }
}
