using System.Security.Cryptography;
using System.Text;
using Gardefou.Verification.Api;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Features.Issue;

/// <summary><c>POST /api/issue</c>: a lab or hospital system, holding a realm's API key, issues a code.</summary>
internal static class IssueApi
{
    public const string ApiKeyHeader = "X-API-Key";

    public static IEndpointRouteBuilder MapIssue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/issue", Issue)
            .WithName("IssueCode")
            .WithTags("Verification")
            .WithSummary("Issue a verification code for a positive diagnosis (X-API-Key of a realm).")
            .Produces<IssueResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    /// <summary>Finds the realm of an API key; keys are looked up by their SHA-256, never stored in clear.</summary>
    public static async Task<int?> RealmOfApiKeyAsync(VerificationDbContext db, string? apiKey, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 200)
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && !k.Revoked).Select(k => new { k.RealmId }).FirstOrDefaultAsync(ct);
        return key?.RealmId;
    }

    private static async Task<Results<Ok<IssueResponse>, JsonHttpResult<ProblemDetails>>> Issue(
        HttpContext context, VerificationDbContext db, CodeService codes, IOptions<VerificationOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var realmId = await RealmOfApiKeyAsync(db, context.Request.Headers[ApiKeyHeader].ToString(), ct);
        if (realmId is null)
        {
            Log.ApiKeyRejected(loggers.CreateLogger(Log.Category));
            return ApiProblems.Unauthorized();
        }
        if (codes.IsPastSunset)
        {
            await codes.PurgeAfterSunsetAsync(ct);
            return ApiProblems.Sunset();
        }
        var (request, problem) = await ApiJson.ReadAsync<IssueRequest>(context.Request, options.Value.MaxRequestBytes, ct);
        if (problem is not null)
        {
            return (JsonHttpResult<ProblemDetails>)problem;
        }
        if (!Diagnosis.TryParse(request!.TestType, request.TestDate, request.SymptomDate, codes.Today, out var diagnosis, out var error))
        {
            return ApiProblems.BadRequest(error);
        }
        var issued = await codes.IssueAsync(realmId.Value, diagnosis, ct);
        Log.CodeIssued(loggers.CreateLogger(Log.Category), realmId.Value, "api");
        return TypedResults.Ok(new IssueResponse(
            issued.ShortCode,
            issued.ShortExpiresAt,
            issued.ShortExpiresAt.ToUnixTimeSeconds(),
            issued.LongCode,
            issued.LongExpiresAt,
            issued.LongExpiresAt.ToUnixTimeSeconds()));
    }
}
