using Gardefou.Hosting.SignIn;
using Gardefou.Verification.Accounts;
using Gardefou.Verification.Portal.Pages;
using Gardefou.Verification.Portal.Views;
using Gardefou.Verification.Security;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gardefou.Verification.Portal;

/// <summary>
/// The health workers' portal under <c>/portal</c>: sign-in, issuing codes, daily counts, user management.
/// Pages are Razor components rendered on the server; forms post back with an antiforgery token.
/// </summary>
internal static partial class PortalEndpoints
{
    public const string Root = "/portal";

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        var portal = endpoints.MapGroup(Root).ExcludeFromDescription();
        portal.MapGet("", Home);
        portal.MapGet("/portal.css", () => TypedResults.Text(PortalStyles.Css, "text/css; charset=utf-8"));
        portal.MapGet("/login", LoginForm);
        portal.MapGet("/language/{lang}", (HttpContext c, string lang, string? back) => PortalLanguage.Switch(c, lang, back));
        portal.MapPost("/login", Login);
        portal.MapPost("/logout", Logout);
        portal.MapGet("/issue", IssueForm);
        portal.MapPost("/issue", Issue);
        portal.MapGet("/stats", Stats);
        portal.MapGet("/account", AccountForm);
        portal.MapPost("/account", ChangePassword);
        portal.MapGet("/users", Users);
        portal.MapPost("/users", CreateUser);
        // Three routes rather than a regex constraint, which slim hosts do not register.
        portal.MapPost("/users/{id:int}/reset", (HttpContext c, int id) => ChangeUserAsync(c, id, "reset"));
        portal.MapPost("/users/{id:int}/disable", (HttpContext c, int id) => ChangeUserAsync(c, id, "disable"));
        portal.MapPost("/users/{id:int}/enable", (HttpContext c, int id) => ChangeUserAsync(c, id, "enable"));
        return endpoints;
    }

    private static async Task<IResult> Home(HttpContext context, VerificationDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Redirect(await PortalAuth.CurrentUserAsync(context, db, time, ct) is null ? Root + "/login" : Root + "/issue");

    private static async Task<IResult> LoginForm(HttpContext context, VerificationDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await PortalAuth.CurrentUserAsync(context, db, time, ct) is not null)
        {
            return TypedResults.Redirect(Root + "/issue");
        }
        return await PortalRenderer.RenderAsync<LoginPage>(context, new() { [nameof(LoginPage.Token)] = PortalForms.TokenFor(context) });
    }

    /// <summary>
    /// Sign-in, throttled before any password is hashed: per client across accounts (the request throttle), then the
    /// shared <see cref="SignInThrottle"/> with the portal's figures (<see cref="PortalSignIn"/>): per (account, client)
    /// with an exponential back-off, per account for clients without its device cookie, then the global hashing cap.
    /// No step locks an account: the right password from a known device always works.
    /// </summary>
    private static async Task<IResult> Login(HttpContext context, AccountService accounts, [FromKeyedServices(PortalSignIn.ServiceKey)] SignInThrottle signIn, TimeProvider time,
        [FromKeyedServices(ClientThrottle.SignIn)] ClientThrottle throttle, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(Log.Category);
        var address = context.Connection.RemoteIpAddress;
        if (!throttle.TryAcquire(address, out var clientWait))
        {
            Log.ClientThrottled(log);
            return await TooManyAsync(context, clientWait, PortalLanguage.For(context).TooManyFromNetwork);
        }
        if (!(await PortalForms.ReadAsync(context, ct)).TryGetValue(out var form, out var error))
        {
            return error;
        }
        var userName = form["username"].ToString();
        var deviceToken = DeviceCookie.Read(context);
        if (signIn.TryAdmit(userName, address, signIn.KnownDevice(deviceToken, userName), out var wait) is not { } ticket)
        {
            PortalLog.SignInDelayed(log);
            return await TooManyAsync(context, wait, PortalLanguage.For(context).TooManyForAccount);
        }
        SignInOutcome outcome;
        using (ticket)
        {
            // Counted only when a password was checked: never when busy, on an error or a cancelled request.
            outcome = await accounts.SignInAsync(userName, form["password"].ToString(), ct);
            if (outcome.Status != SignInStatus.Busy)
            {
                ticket.Record(outcome.Status == SignInStatus.Succeeded);
            }
        }
        if (outcome.Status == SignInStatus.Busy)
        {
            PortalLog.SignInBusy(log);
            context.Response.Headers.RetryAfter = Seconds(signIn.BusyRetryAfter);
            return await PortalForms.BadAsync(context, PortalLanguage.For(context).Busy, StatusCodes.Status503ServiceUnavailable);
        }
        if (outcome.User is null)
        {
            Log.SignInFailed(log);
            return await PortalRenderer.RenderAsync<LoginPage>(context, new()
            {
                [nameof(LoginPage.Token)] = PortalForms.TokenFor(context),
                [nameof(LoginPage.UserName)] = AccountService.IsValidUserName(userName) ? userName : null,
                [nameof(LoginPage.Error)] = PortalLanguage.For(context).SignInFailed,
            }, StatusCodes.Status401Unauthorized);
        }
        await PortalAuth.SignInAsync(context, outcome.User, time);
        DeviceCookie.Remember(context, signIn.IssueDeviceToken(deviceToken, outcome.User.UserName));
        Log.SignedIn(log, outcome.User.Id);
        return TypedResults.Redirect(Root + "/issue");
    }

    private static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IResult> TooManyAsync(HttpContext context, TimeSpan wait, string detail)
    {
        context.Response.Headers.RetryAfter = Seconds(wait);
        return await PortalForms.BadAsync(context, detail, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Sign-out ends the session server-side: the account's stamp changes, so a copy of the cookie no longer works.</summary>
    private static async Task<IResult> Logout(HttpContext context, VerificationDbContext db, TimeProvider time, AccountService accounts, CancellationToken ct)
    {
        var user = await PortalAuth.CurrentUserAsync(context, db, time, ct);
        if (user is null)
        {
            return TypedResults.Redirect(Root + "/login");
        }
        if (!(await PortalForms.ReadAsync(context, ct)).TryGetValue(out var form, out var error))
        {
            return error;
        }
        await accounts.EndSessionsAsync(user, ct);
        await PortalAuth.SignOutAsync(context);
        return TypedResults.Redirect(Root + "/login");
    }

    private static PortalUserView ViewOf(HealthWorker user) =>
        new(user.Id, user.UserName, user.Realm?.Name ?? "", user.Role == HealthWorkerRole.Admin);

    /// <summary>The signed-in user, or the answer to give instead (redirect to sign-in, or 403 for a non-admin).</summary>
    private static async Task<Outcome<HealthWorker, IResult>> RequireUserAsync(HttpContext context, VerificationDbContext db, TimeProvider time, bool admin, CancellationToken ct)
    {
        var user = await PortalAuth.CurrentUserAsync(context, db, time, ct);
        if (user is null)
        {
            return Outcome.Fail<IResult>(TypedResults.Redirect(Root + "/login"));
        }
        if (admin && user.Role != HealthWorkerRole.Admin)
        {
            return Outcome.Fail(await PortalForms.BadAsync(context, PortalLanguage.For(context).AdminsOnly, StatusCodes.Status403Forbidden));
        }
        return user;
    }
}
