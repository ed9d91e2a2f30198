using Gardefou.Verification.Accounts;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Portal.Pages;
using Gardefou.Verification.Portal.Views;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gardefou.Verification.Portal;

internal static partial class PortalEndpoints
{
    private const int StatsDays = 14;

    private static async Task<IResult> IssueForm(HttpContext context, VerificationDbContext db, TimeProvider time, CodeService codes, CancellationToken ct)
    {
        if (!(await RequireUserAsync(context, db, time, admin: false, ct)).TryGetValue(out var user, out var instead))
        {
            return instead;
        }
        return await PortalRenderer.RenderAsync<IssuePage>(context, new()
        {
            [nameof(IssuePage.User)] = ViewOf(user),
            [nameof(IssuePage.Token)] = PortalForms.TokenFor(context),
            [nameof(IssuePage.Today)] = Diagnosis.Format(codes.Today),
        });
    }

    private static async Task<IResult> Issue(HttpContext context, VerificationDbContext db, TimeProvider time, CodeService codes, RealmClock clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!(await RequireUserAsync(context, db, time, admin: false, ct)).TryGetValue(out var user, out var instead))
        {
            return instead;
        }
        if (!(await PortalForms.ReadAsync(context, ct)).TryGetValue(out var form, out var error))
        {
            return error;
        }
        var page = new Dictionary<string, object?>
        {
            [nameof(IssuePage.User)] = ViewOf(user),
            [nameof(IssuePage.Token)] = PortalForms.TokenFor(context),
            [nameof(IssuePage.Today)] = Diagnosis.Format(codes.Today),
        };
        string testType = form["testType"].ToString(), testDate = form["testDate"].ToString(), symptomDate = form["symptomDate"].ToString();
        if (codes.IsPastSunset)
        {
            page[nameof(IssuePage.Error)] = PortalLanguage.For(context).ProgrammeEnded;
            return await PortalRenderer.RenderAsync<IssuePage>(context, page, StatusCodes.Status410Gone);
        }
        if (!Diagnosis.Parse(testType, testDate, symptomDate, codes.Today).TryGetValue(out var diagnosis, out var problem))
        {
            page[nameof(IssuePage.Error)] = PortalLanguage.For(context).IssueInvalid ?? problem.Replace("testType", "The test result", StringComparison.Ordinal)
                .Replace("testDate", "The test date", StringComparison.Ordinal)
                .Replace("symptomDate", "The symptom onset date", StringComparison.Ordinal);
            page[nameof(IssuePage.TestType)] = testType == "likely" ? "likely" : "confirmed";
            return await PortalRenderer.RenderAsync<IssuePage>(context, page, StatusCodes.Status400BadRequest);
        }
        var issued = await codes.IssueAsync(user.RealmId, diagnosis, ct);
        Log.CodeIssued(loggers.CreateLogger(Log.Category), user.RealmId, "portal");
        var text = PortalLanguage.For(context);
        var realm = user.Realm?.Name ?? "";
        page[nameof(IssuePage.Issued)] = new IssuedCodeView(
            issued.ShortCode,
            issued.ShortExpiresAt,
            clock.Format(issued.ShortExpiresAt, realm, text),
            issued.LongCode,
            issued.LongExpiresAt,
            clock.Format(issued.LongExpiresAt, realm, text),
            Diagnosis.Name(diagnosis.TestType),
            Diagnosis.Format(diagnosis.TestDate),
            diagnosis.SymptomDate is { } s ? Diagnosis.Format(s) : null);
        return await PortalRenderer.RenderAsync<IssuePage>(context, page);
    }

    private static async Task<IResult> Stats(HttpContext context, VerificationDbContext db, TimeProvider time, CodeService codes, CancellationToken ct)
    {
        if (!(await RequireUserAsync(context, db, time, admin: false, ct)).TryGetValue(out var user, out var instead))
        {
            return instead;
        }
        var today = codes.Today;
        var since = today.AddDays(-(StatsDays - 1));
        var stored = await db.DailyCounts.AsNoTracking()
            .Where(d => d.RealmId == user.RealmId && d.Day >= since)
            .ToDictionaryAsync(d => d.Day, ct);
        var rows = Enumerable.Range(0, StatsDays)
            .Select(i => today.AddDays(-i))
            .Select(day => stored.TryGetValue(day, out var d)
                ? new DailyCountRow(day, d.CodesIssued, d.CodesClaimed, d.CertificatesIssued)
                : new DailyCountRow(day, 0, 0, 0))
            .ToList();
        return await PortalRenderer.RenderAsync<StatsPage>(context, new()
        {
            [nameof(StatsPage.User)] = ViewOf(user),
            [nameof(StatsPage.Token)] = PortalForms.TokenFor(context),
            [nameof(StatsPage.Rows)] = rows,
            [nameof(StatsPage.Days)] = StatsDays,
        });
    }

    private static async Task<IResult> AccountForm(HttpContext context, VerificationDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!(await RequireUserAsync(context, db, time, admin: false, ct)).TryGetValue(out var user, out var instead))
        {
            return instead;
        }
        return await PortalRenderer.RenderAsync<AccountPage>(context, new()
        {
            [nameof(AccountPage.User)] = ViewOf(user),
            [nameof(AccountPage.Token)] = PortalForms.TokenFor(context),
            [nameof(AccountPage.MinLength)] = AccountService.MinPasswordLength,
        });
    }

    private static async Task<IResult> ChangePassword(HttpContext context, VerificationDbContext db, TimeProvider time, AccountService accounts, CancellationToken ct)
    {
        if (!(await RequireUserAsync(context, db, time, admin: false, ct)).TryGetValue(out var user, out var instead))
        {
            return instead;
        }
        if (!(await PortalForms.ReadAsync(context, ct)).TryGetValue(out var form, out var error))
        {
            return error;
        }
        var changed = await accounts.ChangePasswordAsync(user, form["current"].ToString(), form["next"].ToString(), ct);
        if (changed)
        {
            // The new security stamp ended the old session: start a fresh one.
            await PortalAuth.SignInAsync(context, user, time, PortalAuth.SignedInAt(context));
        }
        return await PortalRenderer.RenderAsync<AccountPage>(context, new()
        {
            [nameof(AccountPage.User)] = ViewOf(user),
            [nameof(AccountPage.Token)] = PortalForms.TokenFor(context),
            [nameof(AccountPage.MinLength)] = AccountService.MinPasswordLength,
            [changed ? nameof(AccountPage.Message) : nameof(AccountPage.Error)] = changed
                ? PortalLanguage.For(context).PasswordChanged
                : PortalLanguage.For(context).PasswordNotChanged(AccountService.MinPasswordLength),
        }, changed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
