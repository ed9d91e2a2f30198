using Gardefou.Hosting.Html;
using Gardefou.Hosting.SignIn;
using Gardefou.Registry.Admin.Pages;
using Gardefou.Registry.Operators;
using Gardefou.Registry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry.Admin;

/// <summary>
/// <c>/registry/admin</c>: the health authority's pages, with their own accounts: issue and revoke site credentials,
/// add administrators, import files. Plain forms; the session cookie is HttpOnly, SameSite=Strict, scoped to this path.
/// </summary>
internal static partial class AdminPages
{
    public static IEndpointRouteBuilder MapAdminPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/registry/admin", Dashboard);
        endpoints.MapPost("/registry/admin/login", Login).DisableAntiforgery();
        endpoints.MapPost("/registry/admin/logout", Logout).DisableAntiforgery();
        endpoints.MapPost("/registry/admin/password", ChangePassword).DisableAntiforgery();
        endpoints.MapPost("/registry/admin/credentials", Issue).DisableAntiforgery();
        endpoints.MapPost("/registry/admin/credentials/revoke", Revoke).DisableAntiforgery();
        endpoints.MapPost("/registry/admin/accounts", AddAccount).DisableAntiforgery();
        endpoints.MapPost("/registry/admin/import/{format}", Import).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> Dashboard(HttpContext context, RegistryDbContext db, TimeProvider time, string? site, CancellationToken ct)
    {
        if (await UserAsync(context, db, time, ct) is not { } user)
        {
            return LoginPage(null);
        }
        IReadOnlyList<CredentialView>? credentials = null;
        if (!string.IsNullOrEmpty(site))
        {
            // SQLite cannot order by DateTimeOffset in SQL; a site has few credentials.
            var rows = await db.Credentials.AsNoTracking().Where(c => c.SiteId == site).ToListAsync(ct);
            credentials = [.. rows.OrderBy(c => c.CreatedAt).Select(c => new CredentialView(c.Id, c.Label, c.CreatedAt, c.RevokedAt))];
        }
        return RazorPage.Render<AdminDashboardPage>(new Dictionary<string, object?>
        {
            [nameof(AdminDashboardPage.User)] = user,
            [nameof(AdminDashboardPage.Site)] = site,
            [nameof(AdminDashboardPage.Credentials)] = credentials,
        });
    }

    private static IResult LoginPage(string? error, int status = StatusCodes.Status200OK) =>
        RazorPage.Render<AdminLoginPage>(new Dictionary<string, object?> { [nameof(AdminLoginPage.Error)] = error }, status);

    /// <summary>A one-sentence page: done (with a link back), or refused (role=alert).</summary>
    private static IResult Message(string title, string message, bool alert = false, string? back = null, int status = StatusCodes.Status200OK) =>
        RazorPage.Render<AdminMessagePage>(new Dictionary<string, object?>
        {
            [nameof(AdminMessagePage.Title)] = title,
            [nameof(AdminMessagePage.Message)] = message,
            [nameof(AdminMessagePage.Alert)] = alert,
            [nameof(AdminMessagePage.BackText)] = back,
        }, status);

    private static IResult CrossSiteRefused() => Message("Refused", "Cross-site form refused.", alert: true, status: StatusCodes.Status403Forbidden);

    private const string DeviceCookie = "gf_registry_device";

    private static async Task<IResult> Login(HttpContext context, RegistryDbContext db, TimeProvider time, [FromKeyedServices(AdminSignIn.ServiceKey)] SignInThrottle throttle,
        IOptions<RegistryOptions> options, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType)
        {
            return LoginPage("Send the sign-in form.", 400);
        }
        if (CrossOrigin(context))
        {
            return CrossSiteRefused();
        }
        var proxy = TrustedProxy(options);
        var form = await context.Request.ReadFormAsync(ct);
        var username = form["username"].ToString();
        var deviceToken = context.Request.Cookies[DeviceCookie];
        var result = await AdminAccounts.SignInAsync(db, throttle, username, form["password"].ToString(),
            ForwardedRequest.ClientAddress(context, proxy), throttle.KnownDevice(deviceToken, username), time.GetUtcNow(), ct);
        if (Refusal(context, result) is { } refused)
        {
            return refused;
        }
        var secure = ForwardedRequest.IsHttps(context, proxy);
        context.Response.Cookies.Append(AdminAccounts.CookieName, result.Token!, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure,
            Path = "/registry/admin",
            MaxAge = TimeSpan.FromHours(8),
        });
        // This browser has now proven it knows this user's password: its later attempts skip the account's delays.
        context.Response.Cookies.Append(DeviceCookie, throttle.IssueDeviceToken(deviceToken, username), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure,
            Path = "/registry/admin",
            MaxAge = TimeSpan.FromDays(30),
        });
        return TypedResults.Redirect("/registry/admin");
    }

    /// <summary>The answer for a refused attempt, or null when signed in: 401 wrong, 429 wait, 503 busy.</summary>
    private static IResult? Refusal(HttpContext context, SignInResult result)
    {
        switch (result.Outcome)
        {
            case SignInOutcome.WrongPassword:
                return LoginPage("Wrong username or password.", 401);
            case SignInOutcome.Throttled:
            case SignInOutcome.Busy:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return result.Outcome == SignInOutcome.Throttled
                    ? LoginPage($"Too many attempts: try again in {seconds} s.", 429)
                    : LoginPage($"The server is busy: try again in {seconds} s.", 503);
            default:
                return null;
        }
    }

    private static async Task<IResult> Logout(HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        if (CrossOrigin(context))
        {
            return CrossSiteRefused();
        }
        // The session row is deleted: a copy of the cookie kept from before no longer opens anything.
        await AdminAccounts.SignOutAsync(db, context.Request.Cookies[AdminAccounts.CookieName], ct);
        context.Response.Cookies.Delete(AdminAccounts.CookieName, new CookieOptions { Path = "/registry/admin" });
        return TypedResults.Redirect("/registry/admin");
    }

    private static async Task<IResult> ChangePassword(HttpContext context, RegistryDbContext db, TimeProvider time, [FromKeyedServices(AdminSignIn.ServiceKey)] SignInThrottle throttle,
        IOptions<RegistryOptions> options, CancellationToken ct)
    {
        if (await GuardAsync(context, db, time, ct) is { } denied)
        {
            return denied;
        }
        var user = (await UserAsync(context, db, time, ct))!;
        var form = await context.Request.ReadFormAsync(ct);
        var replacement = form["password"].ToString();
        if (replacement.Length is < 12 or > 1024)
        {
            return Message("Not changed", "The new password needs at least 12 characters.", alert: true, status: StatusCodes.Status400BadRequest);
        }
        var result = await AdminAccounts.ChangePasswordAsync(db, throttle, user, form["current"].ToString(), replacement,
            ForwardedRequest.ClientAddress(context, TrustedProxy(options)), context.Request.Cookies[AdminAccounts.CookieName]!, ct);
        if (Refusal(context, result) is { } refused)
        {
            return refused;
        }
        context.Response.Cookies.Delete(AdminAccounts.CookieName, new CookieOptions { Path = "/registry/admin" });
        return Message("Password changed", "Password changed. Every session of this account has ended: sign in again.", back: "Sign in");
    }

    private static System.Net.IPAddress? TrustedProxy(IOptions<RegistryOptions> options) =>
        options.Value.TrustedProxy is { } text && System.Net.IPAddress.TryParse(text, out var address) ? address : null;

    /// <summary>
    /// A browser that says where a form comes from must say this origin. <c>Origin: null</c> (sandboxed frames,
    /// data: pages, some redirects) is refused too: it is never this site's own form.
    /// </summary>
    private static bool CrossOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length > 0 && !origin.Equals($"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<IResult> Issue(HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await GuardAsync(context, db, time, ct) is { } denied)
        {
            return denied;
        }
        var form = await context.Request.ReadFormAsync(ct);
        var siteId = form["siteId"].ToString();
        if (siteId.Length is 0 or > 64 || !await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return Message("Unknown site", $"No site with id {siteId}.", alert: true, back: "Back", status: StatusCodes.Status404NotFound);
        }
        var (credential, id) = await SiteCredentials.IssueAsync(db, siteId, form["label"].ToString(), time.GetUtcNow(), ct);
        context.Response.Headers.CacheControl = "no-store";
        return RazorPage.Render<CredentialIssuedPage>(new Dictionary<string, object?>
        {
            [nameof(CredentialIssuedPage.SiteId)] = siteId,
            [nameof(CredentialIssuedPage.Credential)] = credential,
            [nameof(CredentialIssuedPage.Id)] = id,
        });
    }

    private static async Task<IResult> Revoke(HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await GuardAsync(context, db, time, ct) is { } denied)
        {
            return denied;
        }
        var form = await context.Request.ReadFormAsync(ct);
        var id = form["id"].ToString();
        var revoked = id.Length <= 64 && await SiteCredentials.RevokeAsync(db, id, time.GetUtcNow(), ct);
        return revoked
            ? Message("Revoked", $"Credential {id} revoked.", back: "Back")
            : Message("Unknown credential", $"No credential {id}.", alert: true, status: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> AddAccount(HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await GuardAsync(context, db, time, ct) is { } denied)
        {
            return denied;
        }
        var form = await context.Request.ReadFormAsync(ct);
        var username = form["username"].ToString();
        if (username.Length is 0 or > 64 || form["password"].ToString().Length < 12 || await db.AdminAccounts.AnyAsync(a => a.Username == username, ct))
        {
            return Message("Not added", "Give a new username (1–64 characters) and a password of at least 12 characters.", alert: true, status: StatusCodes.Status400BadRequest);
        }
        await AdminAccounts.CreateAsync(db, username, form["password"].ToString(), time.GetUtcNow(), ct);
        return Message("Added", $"Administrator {username} added.", back: "Back");
    }

    private static async Task<string?> UserAsync(HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct) =>
        await AdminAccounts.UserOfAsync(db, context.Request.Cookies[AdminAccounts.CookieName], time.GetUtcNow(), ct);

    /// <summary>Signed in, sending a form, and (when the browser says) from this origin: SameSite plus an Origin check.</summary>
    private static async Task<IResult?> GuardAsync(HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await UserAsync(context, db, time, ct) is null)
        {
            return LoginPage("Sign in first.", 401);
        }
        if (CrossOrigin(context))
        {
            return CrossSiteRefused();
        }
        return context.Request.HasFormContentType ? null : Message("Refused", "Send the form.", alert: true, status: StatusCodes.Status400BadRequest);
    }
}
