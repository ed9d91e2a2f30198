using System.Globalization;
using System.Security.Claims;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Portal;

/// <summary>
/// Cookie sign-in of the portal, under its own scheme. The portal authenticates explicitly on each request
/// (it does not rely on the host's authentication middleware or default scheme), and checks server-side that
/// the account is still enabled and its security stamp unchanged — sign-out, a password change or reset and
/// disabling all replace the stamp, so every cookie issued before is refused from then on — and that the
/// session is younger than <see cref="VerificationOptions.PortalSessionLifetime"/> however active it was.
/// </summary>
internal static class PortalAuth
{
    public const string Scheme = "Gardefou.Verification.Portal";
    private const string StampClaim = "gardefou:stamp";
    private const string SignedInAtClaim = "gardefou:signed-in-at";

    public static async Task<HealthWorker?> CurrentUserAsync(HttpContext context, VerificationDbContext db, TimeProvider time, CancellationToken ct)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded || result.Principal is null)
        {
            return null;
        }
        var principal = result.Principal;
        if (!int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(principal.FindFirstValue(SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var signedInAt))
        {
            return null;
        }
        var lifetime = context.RequestServices.GetRequiredService<IOptions<VerificationOptions>>().Value.PortalSessionLifetime;
        if (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedInAt) > lifetime)
        {
            return null;
        }
        var user = await db.HealthWorkers.Include(u => u.Realm).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null || user.Disabled || user.SecurityStamp != principal.FindFirstValue(StampClaim))
        {
            return null;
        }
        // Antiforgery tokens are bound to this identity.
        context.User = principal;
        return user;
    }

    /// <summary>Starts a session; <paramref name="signedInAt"/> carries the start of a session that is only renewed (new stamp), so it keeps its end.</summary>
    public static async Task SignInAsync(HttpContext context, HealthWorker user, TimeProvider time, DateTimeOffset? signedInAt = null)
    {
        var start = signedInAt ?? time.GetUtcNow();
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(StampClaim, user.SecurityStamp),
                new Claim(SignedInAtClaim, start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ],
            Scheme);
        var principal = new ClaimsPrincipal(identity);
        await context.SignInAsync(Scheme, principal);
        context.User = principal;
    }

    /// <summary>When the current session started (for renewing it after the user's own password change).</summary>
    public static DateTimeOffset? SignedInAt(HttpContext context) =>
        long.TryParse(context.User.FindFirstValue(SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
