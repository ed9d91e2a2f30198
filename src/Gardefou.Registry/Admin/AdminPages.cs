using System.Text;
using Gardefou.Hosting.SignIn;
using Gardefou.Registry.Operators;
using Gardefou.Registry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Gardefou.Registry.Pages.Html;

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
        var body = new StringBuilder($"<h1>Registry administration</h1><p>Signed in as {E(user)}.</p>")
            .Append("<form method=post action=\"/registry/admin/logout\"><button>Sign out</button></form>")
            .Append("<h2>Change your password</h2><form method=post action=\"/registry/admin/password\">")
            .Append("<label>Current password <input name=current type=password autocomplete=current-password required></label>")
            .Append("<label>New password (12+ characters) <input name=password type=password autocomplete=new-password required minlength=12></label>")
            .Append("<button>Change (signs out every session)</button></form>")
            .Append("<h2>Issue a site credential</h2><form method=post action=\"/registry/admin/credentials\">")
            .Append("<label>Site id <input name=siteId required maxlength=64></label><label>Label <input name=label maxlength=100></label>")
            .Append("<button>Issue</button></form>")
            .Append("<h2>Credentials of a site</h2><form method=get action=\"/registry/admin\"><label>Site id <input name=site maxlength=64 value=\"")
            .Append(E(site)).Append("\"></label><button>Show</button></form>");
        if (!string.IsNullOrEmpty(site))
        {
            // SQLite cannot order by DateTimeOffset in SQL; a site has few credentials.
            var credentials = (await db.Credentials.AsNoTracking().Where(c => c.SiteId == site).ToListAsync(ct)).OrderBy(c => c.CreatedAt).ToList();
            body.Append("<table><tr><th>Id</th><th>Label</th><th>Created</th><th>Status</th><th></th></tr>");
            foreach (var c in credentials)
            {
                body.Append($"<tr><td>{E(c.Id)}</td><td>{E(c.Label)}</td><td>{c.CreatedAt:u}</td><td>{(c.RevokedAt is { } r ? $"revoked {r:u}" : "active")}</td><td>");
                if (c.RevokedAt is null)
                {
                    body.Append($"<form method=post action=\"/registry/admin/credentials/revoke\"><input type=hidden name=id value=\"{E(c.Id)}\"><button>Revoke</button></form>");
                }
                body.Append("</td></tr>");
            }
            body.Append("</table>");
        }
        body.Append("<h2>Add an administrator</h2><form method=post action=\"/registry/admin/accounts\">")
            .Append("<label>Username <input name=username required maxlength=64></label>")
            .Append("<label>Password (12+ characters) <input name=password type=password required minlength=12></label><button>Add</button></form>")
            .Append("<h2>Import</h2>")
            .Append(ImportForm("test-sites", "CSV of test sites", "file"))
            .Append(ImportForm("hospital-capacity", "HHS-style hospital capacity CSV", "file"))
            .Append(ImportForm("smart", "SMART Scheduling Links: the $bulk-publish manifest and its NDJSON files", "files", multiple: true));
        return Page("Registry administration", body.ToString());
    }

    private static string ImportForm(string format, string label, string field, bool multiple = false) =>
        $"<form method=post enctype=\"multipart/form-data\" action=\"/registry/admin/import/{format}\"><label>{E(label)} " +
        $"<input type=file name={field}{(multiple ? " multiple" : "")} required></label><button>Import</button></form>";

    private static IResult LoginPage(string? error, int status = 200) => Page("Registry administration: sign in",
        "<h1>Registry administration</h1>" + (error is null ? "" : $"<p role=alert>{E(error)}</p>") +
        "<form method=post action=\"/registry/admin/login\"><label>Username <input name=username autocomplete=username required></label>" +
        "<label>Password <input name=password type=password autocomplete=current-password required></label><button>Sign in</button></form>", status: status);

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
            return Page("Refused", "<p role=alert>Cross-site form refused.</p>", status: 403);
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
            return Page("Refused", "<p role=alert>Cross-site form refused.</p>", status: 403);
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
            return Page("Not changed", "<p role=alert>The new password needs at least 12 characters.</p>", status: 400);
        }
        var result = await AdminAccounts.ChangePasswordAsync(db, throttle, user, form["current"].ToString(), replacement,
            ForwardedRequest.ClientAddress(context, TrustedProxy(options)), context.Request.Cookies[AdminAccounts.CookieName]!, ct);
        if (Refusal(context, result) is { } refused)
        {
            return refused;
        }
        context.Response.Cookies.Delete(AdminAccounts.CookieName, new CookieOptions { Path = "/registry/admin" });
        return Page("Password changed", "<p>Password changed. Every session of this account has ended: sign in again.</p><p><a href=\"/registry/admin\">Sign in</a></p>");
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
            return Page("Unknown site", $"<p role=alert>No site with id {E(siteId)}.</p><p><a href=\"/registry/admin\">Back</a></p>", status: 404);
        }
        var (credential, id) = await SiteCredentials.IssueAsync(db, siteId, form["label"].ToString(), time.GetUtcNow(), ct);
        context.Response.Headers.CacheControl = "no-store";
        return Page("Credential issued",
            $"<h1>Credential for {E(siteId)}</h1><p>Shown once. Give it to the site; it goes in the X-Site-Credential header or the operator page.</p>" +
            $"<p><code id=credential>{E(credential)}</code></p><p>Credential id: {E(id)}</p><p><a href=\"/registry/admin?site={Uri.EscapeDataString(siteId)}\">Back</a></p>");
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
        return Page(revoked ? "Revoked" : "Unknown credential", revoked ? $"<p>Credential {E(id)} revoked.</p><p><a href=\"/registry/admin\">Back</a></p>"
            : $"<p role=alert>No credential {E(id)}.</p>", status: revoked ? 200 : 404);
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
            return Page("Not added", "<p role=alert>Give a new username (1–64 characters) and a password of at least 12 characters.</p>", status: 400);
        }
        await AdminAccounts.CreateAsync(db, username, form["password"].ToString(), time.GetUtcNow(), ct);
        return Page("Added", $"<p>Administrator {E(username)} added.</p><p><a href=\"/registry/admin\">Back</a></p>");
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
            return Page("Refused", "<p role=alert>Cross-site form refused.</p>", status: 403);
        }
        return context.Request.HasFormContentType ? null : Page("Refused", "<p role=alert>Send the form.</p>", status: 400);
    }
}
