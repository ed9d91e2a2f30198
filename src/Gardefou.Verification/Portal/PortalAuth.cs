using System.Globalization;
using System.Security.Claims;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Portal;

/// <summary>
/// Cookie sign-in of the portal, under its own scheme. The portal authenticates explicitly on each request
/// (it does not rely on the host's authentication middleware or default scheme), and checks the account is
/// still enabled and its security stamp unchanged, so disabling or resetting an account ends its sessions.
/// </summary>
internal static class PortalAuth
{
    public const string Scheme = "Gardefou.Verification.Portal";
    private const string StampClaim = "gardefou:stamp";

    public static async Task<HealthWorker?> CurrentUserAsync(HttpContext context, VerificationDbContext db, TimeProvider time, CancellationToken ct)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded || result.Principal is null)
        {
            return null;
        }
        var principal = result.Principal;
        if (!int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var user = await db.HealthWorkers.Include(u => u.Realm).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null || user.Disabled || user.LockedUntil > time.GetUtcNow().UtcDateTime || user.SecurityStamp != principal.FindFirstValue(StampClaim))
        {
            return null;
        }
        // Antiforgery tokens are bound to this identity.
        context.User = principal;
        return user;
    }

    public static async Task SignInAsync(HttpContext context, HealthWorker user)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(StampClaim, user.SecurityStamp),
            ],
            Scheme);
        var principal = new ClaimsPrincipal(identity);
        await context.SignInAsync(Scheme, principal);
        context.User = principal;
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
