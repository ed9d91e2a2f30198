using System.Globalization;
using Gardefou.Verification.Api;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Features.Issue;

/// <summary><c>POST /api/issue</c>, Google's IssueCodeRequest: a lab or hospital system, holding a realm's admin API key, issues a code.</summary>
internal static class IssueApi
{
    public static IEndpointRouteBuilder MapIssue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/issue", Issue)
            .WithName("IssueCode")
            .WithTags("Verification")
            .WithSummary("Issue a verification code for a diagnosis (X-API-Key: an admin key of a realm).")
            .Produces<IssueResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status401Unauthorized)
            .Produces<ApiError>(StatusCodes.Status409Conflict)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    /// <summary>RFC 1123 in UTC as Go's <c>time.RFC1123</c> writes it, e.g. <c>Mon, 02 Jan 2006 15:04:05 UTC</c>.</summary>
    public static string Rfc1123(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static async Task<IResult> Issue(
        HttpContext context, VerificationDbContext db, CodeService codes, TimeProvider time, IOptions<VerificationOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var settings = options.Value;
        if (!(await ApiPreamble.OpenIssueRequestAsync(context, db, codes, settings, loggers.CreateLogger(Log.Category), ct)).TryGetValue(out var realmId, out var early))
        {
            return early;
        }
        if (!(await ApiJson.ReadAsync<IssueRequest>(context.Request, settings.MaxRequestBytes, ct)).TryGetValue(out var request, out var error))
        {
            return ApiErrors.Unparsable(error);
        }
        var requireDate = await db.Realms.Where(r => r.Id == realmId).Select(r => r.RequireDate).SingleAsync(ct);
        if (!IssueValidation.Validate(request, requireDate, time.GetUtcNow()).TryGetValue(out var valid, out var refused))
        {
            return refused;
        }
        var (subject, uuid) = valid;
        if (settings.DailyIssueQuota > 0 && await codes.IssuedTodayAsync(realmId, ct) >= settings.DailyIssueQuota)
        {
            return ApiErrors.Error(StatusCodes.Status429TooManyRequests, ApiErrors.QuotaExceeded, "Quota exceeded", "exceeded daily realm quota configured by the realm administrator");
        }
        var issued = await codes.IssueAsync(realmId, subject, uuid, ct);
        if (issued is null)
        {
            return ApiErrors.Error(StatusCodes.Status409Conflict, ApiErrors.UuidAlreadyExists, "UUID already used", "a code with this uuid already exists");
        }
        Log.CodeIssued(loggers.CreateLogger(Log.Category), realmId, "api");
        return new ApiAnswer(StatusCodes.Status200OK, new IssueResponse(
            issued.Uuid,
            issued.ShortCode,
            Rfc1123(issued.ShortExpiresAt),
            issued.ShortExpiresAt.ToUnixTimeSeconds(),
            issued.LongCode,
            Rfc1123(issued.LongExpiresAt),
            issued.LongExpiresAt.ToUnixTimeSeconds()));
    }
}
