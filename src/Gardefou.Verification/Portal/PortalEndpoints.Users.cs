using Gardefou.Verification.Accounts;
using Gardefou.Verification.Portal.Pages;
using Gardefou.Verification.Portal.Views;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gardefou.Verification.Portal;

internal static partial class PortalEndpoints
{
    private static async Task<IResult> Users(HttpContext context, VerificationDbContext db, TimeProvider time, CancellationToken ct)
    {
        return !(await RequireUserAsync(context, db, time, admin: true, ct)).TryGetValue(out var user, out var instead) ? instead : await RenderUsersAsync(context, db, time, user, [], StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> CreateUser(HttpContext context, VerificationDbContext db, TimeProvider time, AccountService accounts, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!(await RequireUserAsync(context, db, time, admin: true, ct)).TryGetValue(out var admin, out var instead))
        {
            return instead;
        }
        if (!(await PortalForms.ReadAsync(context, ct)).TryGetValue(out var form, out var error))
        {
            return error;
        }
        var userName = form["username"].ToString();
        var role = form["role"].ToString() switch
        {
            "admin" => HealthWorkerRole.Admin,
            "issuer" or "" => HealthWorkerRole.CodeIssuer,
            _ => (HealthWorkerRole?)null,
        };
        if (!AccountService.IsValidUserName(userName) || role is null)
        {
            return await RenderUsersAsync(context, db, time, admin, new() { [nameof(UsersPage.Error)] = PortalLanguage.For(context).BadNewUser }, StatusCodes.Status400BadRequest, ct);
        }
        var created = await accounts.CreateAsync(admin.RealmId, userName, role.Value, ct);
        if (created is not { } c)
        {
            return await RenderUsersAsync(context, db, time, admin, new() { [nameof(UsersPage.Error)] = PortalLanguage.For(context).NameTaken }, StatusCodes.Status409Conflict, ct);
        }
        Log.UserChanged(loggers.CreateLogger(Log.Category), c.User.Id, "created", admin.Id);
        return await RenderUsersAsync(context, db, time, admin, new()
        {
            [nameof(UsersPage.Message)] = PortalLanguage.For(context).UserCreated(c.User.UserName),
            [nameof(UsersPage.NewPassword)] = c.Password,
            [nameof(UsersPage.NewPasswordFor)] = c.User.UserName,
        }, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> ChangeUserAsync(HttpContext context, int id, string action)
    {
        var services = context.RequestServices;
        var db = services.GetRequiredService<VerificationDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var accounts = services.GetRequiredService<AccountService>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var ct = context.RequestAborted;
        if (!(await RequireUserAsync(context, db, time, admin: true, ct)).TryGetValue(out var admin, out var instead))
        {
            return instead;
        }
        if (!(await PortalForms.ReadAsync(context, ct)).TryGetValue(out var form, out var error))
        {
            return error;
        }
        // Realm-scoped: an admin never sees or touches another realm's accounts.
        var target = await db.HealthWorkers.FirstOrDefaultAsync(u => u.Id == id && u.RealmId == admin.RealmId, ct);
        if (target is null)
        {
            return await PortalForms.BadAsync(context, PortalLanguage.For(context).NoSuchUser, StatusCodes.Status404NotFound);
        }
        var page = new Dictionary<string, object?>();
        switch (action)
        {
            case "reset":
                page[nameof(UsersPage.NewPassword)] = await accounts.ResetPasswordAsync(target, ct);
                page[nameof(UsersPage.NewPasswordFor)] = target.UserName;
                page[nameof(UsersPage.Message)] = PortalLanguage.For(context).PasswordReset(target.UserName);
                if (target.Id == admin.Id)
                {
                    await PortalAuth.SignInAsync(context, target, time, PortalAuth.SignedInAt(context));
                }
                break;
            case "disable" or "enable" when target.Id == admin.Id:
                return await RenderUsersAsync(context, db, time, admin, new() { [nameof(UsersPage.Error)] = PortalLanguage.For(context).CannotDisableSelf }, StatusCodes.Status400BadRequest, ct);
            default:
                await accounts.SetDisabledAsync(target, action == "disable", ct);
                page[nameof(UsersPage.Message)] = PortalLanguage.For(context).UserSwitched(target.UserName, action == "disable");
                break;
        }
        Log.UserChanged(loggers.CreateLogger(Log.Category), target.Id, action, admin.Id);
        return await RenderUsersAsync(context, db, time, admin, page, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> RenderUsersAsync(HttpContext context, VerificationDbContext db, TimeProvider time, HealthWorker admin, Dictionary<string, object?> page, int status, CancellationToken ct)
    {
        var rows = await db.HealthWorkers.AsNoTracking()
            .Where(u => u.RealmId == admin.RealmId)
            .OrderBy(u => u.UserName)
            .Select(u => new UserRow(u.Id, u.UserName, u.Role == HealthWorkerRole.Admin, u.Disabled))
            .ToListAsync(ct);
        page[nameof(UsersPage.User)] = ViewOf(admin);
        page[nameof(UsersPage.Token)] = PortalForms.TokenFor(context);
        page[nameof(UsersPage.Rows)] = rows;
        return await PortalRenderer.RenderAsync<UsersPage>(context, page, status);
    }
}
