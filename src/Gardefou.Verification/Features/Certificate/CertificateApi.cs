using Gardefou.Hosting.Timing;
using Gardefou.Verification.Api;
using Gardefou.Verification.Certificates;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Features.Certificate;

/// <summary>
/// <c>POST /api/certificate</c>, Google's VerificationCertificateRequest: a token and the HMAC of the keys to upload
/// become a signed certificate. Every answer has one wire size and a latency drawn from real successes.
/// </summary>
internal static class CertificateApi
{
    public const string Route = "/api/certificate";

    private const int HmacBytes = 32;

    public static IEndpointRouteBuilder MapCertificate(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, Certify)
            .WithName("IssueCertificate")
            .WithTags("Verification")
            .WithSummary("Exchange a token and the TEK HMAC for an ES256 verification certificate (X-API-Key: a device key, required when the realm says so).")
            .Produces<CertificateResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        endpoints.MapMethods(Route, UploadPath.OtherMethods, UploadPath.MethodNotAllowed(UploadTimings.Certificate)).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Certify(
        HttpContext context,
        VerificationDbContext db,
        CodeService codes,
        CertificateFactory certificates,
        [FromKeyedServices(UploadTimings.Certificate)] ResponseTiming timing,
        IOptions<VerificationOptions> options,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        return await timing.TimeAsync(() => AnswerAsync(context, db, codes, certificates, options.Value, loggers.CreateLogger(Log.Category), ct), ct);
    }

    private static async Task<(ApiAnswer Answer, bool RealSuccess)> AnswerAsync(
        HttpContext context, VerificationDbContext db, CodeService codes, CertificateFactory certificates, VerificationOptions options, ILogger log, CancellationToken ct)
    {
        var size = options.PaddedAnswerBytes;
        var opening = await ApiPreamble.OpenDeviceRequestAsync(context, db, codes, log, size, () => new ApiAnswer(StatusCodes.Status200OK, Chaff.Certificate(), size), ct);
        if (!opening.TryGetValue(out var scope, out var early))
        {
            return (early, false);
        }
        if (!(await ApiJson.ReadAsync<CertificateRequest>(context.Request, options.MaxRequestBytes, ct)).TryGetValue(out var request, out var error))
        {
            // Google answers a body it cannot bind with token_invalid here (certapi/certificate.go).
            return (InvalidToken(error, size), false);
        }
        var token = request.Token ?? "";
        var hmac = new byte[HmacBytes];
        if (!Base64Lenient.TryDecode(request.Ekeyhmac, hmac, out var written) || written != HmacBytes)
        {
            // Google checks the token before the HMAC; an unknown token is named first, and a known one is not used up.
            return await codes.TokenExistsAsync(token, scope, ct)
                ? (ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.HmacInvalid, "Invalid HMAC", $"exposure key HMAC is not a valid base64 of {HmacBytes} bytes", size), false)
                : (InvalidToken("verification token invalid", size), false);
        }
        if (!(await codes.ClaimTokenAsync(token, scope, ct)).TryGetValue(out var subject, out var failure))
        {
            Log.TokenRejected(log);
            return failure == TokenClaimFailure.Expired
                ? (ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.TokenExpired, "Token expired", "verification token expired or already used", size), false)
                : (InvalidToken("verification token invalid", size), false);
        }
        var certificate = certificates.Create(subject, hmac);
        Log.CertificateIssued(log);
        return (new ApiAnswer(StatusCodes.Status200OK, new CertificateResponse(certificate), size), true);
    }

    private static ApiAnswer InvalidToken(string message, int size) =>
        ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.TokenInvalid, "Invalid token", message, size);
}
