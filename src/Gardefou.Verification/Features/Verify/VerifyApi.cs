using System.Globalization;
using Gardefou.Verification.Api;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Features.Verify;

/// <summary><c>POST /api/verify</c>: the app exchanges a code for a single-use token.</summary>
internal static class VerifyApi
{
    /// <summary>A request carrying this header is chaff: answered in the same shape, touching nothing.</summary>
    public const string ChaffHeader = "X-Chaff";

    public static IEndpointRouteBuilder MapVerify(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/verify", Verify)
            .WithName("VerifyCode")
            .WithTags("Verification")
            .WithSummary("Exchange a verification code for a single-use token.")
            .Produces<VerifyResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<Results<Ok<VerifyResponse>, JsonHttpResult<ProblemDetails>>> Verify(
        HttpContext context, CodeService codes, [FromKeyedServices(ClientThrottle.Verify)] ClientThrottle throttle, IOptions<VerificationOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(Log.Category);
        if (!throttle.TryAcquire(context.Connection.RemoteIpAddress, out var retryAfter))
        {
            Log.ClientThrottled(log);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Throttled();
        }
        if (codes.IsPastSunset)
        {
            await codes.PurgeAfterSunsetAsync(ct);
            return ApiProblems.Sunset();
        }
        var (request, problem) = await ApiJson.ReadAsync<VerifyRequest>(context.Request, options.Value.MaxRequestBytes, ct);
        if (problem is not null)
        {
            return (JsonHttpResult<ProblemDetails>)problem;
        }
        if (context.Request.Headers.ContainsKey(ChaffHeader))
        {
            return TypedResults.Ok(Chaff.VerifyResponse(codes.Today));
        }
        var claimed = await codes.ClaimCodeAsync(request!.Code, ct);
        if (claimed is not { } result)
        {
            Log.CodeRejected(log);
            return ApiProblems.InvalidCode();
        }
        Log.CodeClaimed(log);
        var diagnosis = result.Diagnosis;
        return TypedResults.Ok(new VerifyResponse(
            result.Token,
            Diagnosis.Name(diagnosis.TestType),
            diagnosis.SymptomDate is { } s ? Diagnosis.Format(s) : null,
            Diagnosis.Format(diagnosis.TestDate)));
    }
}
