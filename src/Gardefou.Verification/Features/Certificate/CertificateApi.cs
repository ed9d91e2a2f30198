using Gardefou.Verification.Api;
using Gardefou.Verification.Certificates;
using Gardefou.Verification.Codes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Features.Certificate;

/// <summary><c>POST /api/certificate</c>: a token and the HMAC of the keys to upload become a signed certificate.</summary>
internal static class CertificateApi
{
    private const int HmacBytes = 32;

    public static IEndpointRouteBuilder MapCertificate(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/certificate", Certify)
            .WithName("IssueCertificate")
            .WithTags("Verification")
            .WithSummary("Exchange a token and the TEK HMAC for an ES256 verification certificate.")
            .Produces<CertificateResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<Results<Ok<CertificateResponse>, JsonHttpResult<ProblemDetails>>> Certify(
        HttpContext context, CodeService codes, CertificateFactory certificates, IOptions<VerificationOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(Log.Category);
        if (codes.IsPastSunset)
        {
            await codes.PurgeAfterSunsetAsync(ct);
            return ApiProblems.Sunset();
        }
        var (request, problem) = await ApiJson.ReadAsync<CertificateRequest>(context.Request, options.Value.MaxRequestBytes, ct);
        if (problem is not null)
        {
            return (JsonHttpResult<ProblemDetails>)problem;
        }
        var hmac = new byte[HmacBytes];
        if (request!.Ekeyhmac.Length > 64 || !Convert.TryFromBase64String(request.Ekeyhmac, hmac, out var written) || written != HmacBytes)
        {
            return ApiProblems.InvalidHmac();
        }
        if (context.Request.Headers.ContainsKey(Verify.VerifyApi.ChaffHeader))
        {
            return TypedResults.Ok(new CertificateResponse(Chaff.Certificate()));
        }
        var diagnosis = await codes.ClaimTokenAsync(request.Token, ct);
        if (diagnosis is null)
        {
            Log.TokenRejected(log);
            return ApiProblems.InvalidToken();
        }
        var certificate = certificates.Create(diagnosis, hmac);
        Log.CertificateIssued(log);
        return TypedResults.Ok(new CertificateResponse(certificate));
    }
}
