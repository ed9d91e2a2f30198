using Gardefou.Hosting.Timing;
using Gardefou.Verification.Api;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Security;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Features.Verify;

/// <summary>
/// <c>POST /api/verify</c>, Google's VerifyCodeRequest: the app exchanges a code for a single-use token. Every answer
/// (success, chaff, error) has one wire size and a latency drawn from real successes.
/// </summary>
internal static class VerifyApi
{
    public const string Route = "/api/verify";

    private const int MaxNonceBytes = 1024;

    public static IEndpointRouteBuilder MapVerify(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, Verify)
            .WithName("VerifyCode")
            .WithTags("Verification")
            .WithSummary("Exchange a verification code for a single-use token (X-API-Key: a device key, required when the realm says so).")
            .Produces<VerifyResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status412PreconditionFailed)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        endpoints.MapMethods(Route, UploadPath.OtherMethods, UploadPath.MethodNotAllowed(UploadTimings.Verify)).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Verify(
        HttpContext context,
        VerificationDbContext db,
        CodeService codes,
        [FromKeyedServices(ClientThrottle.Verify)] ClientThrottle throttle,
        GuessBudget budget,
        [FromKeyedServices(UploadTimings.Verify)] ResponseTiming timing,
        IOptions<VerificationOptions> options,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        return await timing.TimeAsync(() => AnswerAsync(context, db, codes, throttle, budget, options.Value, loggers.CreateLogger(Log.Category), ct), ct);
    }

    private static async Task<(ApiAnswer Answer, bool RealSuccess)> AnswerAsync(
        HttpContext context, VerificationDbContext db, CodeService codes, ClientThrottle throttle, GuessBudget budget, VerificationOptions options, ILogger log, CancellationToken ct)
    {
        var size = options.PaddedAnswerBytes;
        var opening = await ApiPreamble.OpenDeviceRequestAsync(context, db, codes, log, size, () => new ApiAnswer(StatusCodes.Status200OK, Chaff.Verify(codes.Today), size), ct);
        if (!opening.TryGetValue(out var scope, out var early))
        {
            return (early, false);
        }
        if (!throttle.TryAcquire(context.Connection.RemoteIpAddress, out var retryAfter) || budget.IsSpent(scope, out retryAfter))
        {
            Log.ClientThrottled(log);
            return (ApiErrors.Throttled((int)Math.Ceiling(retryAfter.TotalSeconds), size), false);
        }
        if (options.MaintenanceMode)
        {
            return (ApiErrors.Maintenance(size), false);
        }
        if (!(await ApiJson.ReadAsync<VerifyRequest>(context.Request, options.MaxRequestBytes, ct)).TryGetValue(out var request, out var error))
        {
            return (ApiErrors.Unparsable(error, size), false);
        }
        if (!AcceptedTestTypes.TryParse(request.Accept, out var accepted))
        {
            return (ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.InvalidTestType, "Invalid test type", "invalid accepted test type", size), false);
        }
        if (!string.IsNullOrEmpty(request.Nonce) && !Base64Lenient.TryDecode(request.Nonce, new byte[MaxNonceBytes], out _))
        {
            return (ApiErrors.Unparsable("nonce is not valid base64", size), false);
        }
        if (!(await codes.ClaimCodeAsync(request.Code ?? "", accepted, scope, ct)).TryGetValue(out var claim, out var failure))
        {
            switch (failure)
            {
                case CodeClaimFailure.Expired:
                    Log.CodeRejected(log);
                    return (ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.CodeExpired, "Code expired", "verification code expired", size), false);
                case CodeClaimFailure.UnsupportedTestType:
                    return (ApiErrors.Error(StatusCodes.Status412PreconditionFailed, ApiErrors.UnsupportedTestType, "Unsupported test type", "verification code has unsupported test type", size), false);
                default:
                    Log.CodeRejected(log);
                    budget.RecordWrongCode(scope);
                    return (ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.CodeInvalid, "Invalid code", "verification code invalid", size), false);
            }
        }
        Log.CodeClaimed(log);
        var subject = claim.Subject;
        return (new ApiAnswer(StatusCodes.Status200OK, new VerifyResponse(
            Diagnosis.Name(subject.TestType),
            subject.SymptomDate is { } s ? Diagnosis.Format(s) : null,
            subject.TestDate is { } t ? Diagnosis.Format(t) : null,
            claim.Token), size), true);
    }
}
