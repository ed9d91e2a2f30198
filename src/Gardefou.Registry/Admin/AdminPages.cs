using System.Text;
using Gardefou.Registry.Operators;
using Gardefou.Registry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
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

    private static async Task<IResult> Login(HttpContext context, RegistryDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType)
        {
            return LoginPage("Send the sign-in form.", 400);
        }
        var form = await context.Request.ReadFormAsync(ct);
        var token = await AdminAccounts.SignInAsync(db, form["username"].ToString(), form["password"].ToString(), time.GetUtcNow(), ct);
        if (token is null)
        {
            return LoginPage("Wrong username or password.", 401);
        }
        context.Response.Cookies.Append(AdminAccounts.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/registry/admin",
            MaxAge = TimeSpan.FromHours(8),
        });
        return TypedResults.Redirect("/registry/admin");
    }

    private static async Task<IResult> Logout(HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        await AdminAccounts.SignOutAsync(db, context.Request.Cookies[AdminAccounts.CookieName], ct);
        context.Response.Cookies.Delete(AdminAccounts.CookieName, new CookieOptions { Path = "/registry/admin" });
        return TypedResults.Redirect("/registry/admin");
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
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "null" && !origin.Equals($"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return Page("Refused", "<p role=alert>Cross-site form refused.</p>", status: 403);
        }
        return context.Request.HasFormContentType ? null : Page("Refused", "<p role=alert>Send the form.</p>", status: 400);
    }
}
