using System.Security.Cryptography;
using System.Text;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Api;

/// <summary>Finds the realm of an <c>X-API-Key</c>; keys are looked up by their SHA-256, never stored in clear.</summary>
internal static class ApiKeyLookup
{
    public const string Header = "X-API-Key";

    /// <summary>The realm of a live key of <paramref name="kind"/>, or null.</summary>
    public static async Task<int?> RealmOfAsync(VerificationDbContext db, HttpRequest request, ApiKeyKind kind, CancellationToken ct)
    {
        // Google trims the header value.
        var apiKey = request.Headers[Header].ToString().Trim();
        if (apiKey.Length is 0 or > 200)
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && !k.Revoked && k.Kind == kind).Select(k => new { k.RealmId }).FirstOrDefaultAsync(ct);
        return key?.RealmId;
    }

    /// <summary>
    /// The realms an app's request may reach: those of its device key; without a valid one, the realms that do not
    /// require device keys (an unchanged app still sending the key of its old server gets in there). Null when every
    /// realm requires a key and none was given: 401, as Google.
    /// </summary>
    public static async Task<RealmScope?> ScopeOfDeviceAsync(VerificationDbContext db, HttpRequest request, CancellationToken ct)
    {
        if (await RealmOfAsync(db, request, ApiKeyKind.Device, ct) is { } realm)
        {
            return new RealmScope(realm);
        }
        return await db.Realms.AnyAsync(r => !r.RequireDeviceKey, ct) ? RealmScope.Keyless : null;
    }
}
