using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gardefou.Verification.Api;

/// <summary>
/// The API's errors as RFC 9457 problem details, written directly so that two answers of the same kind are
/// byte for byte the same (no trace id): a client learns nothing from which of them it got.
/// </summary>
internal static class ApiProblems
{
    private const string ContentType = "application/problem+json";

    public static JsonHttpResult<ProblemDetails> BadRequest(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Bad request", detail, "bad_request");

    public static JsonHttpResult<ProblemDetails> TooLarge(int maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may hold at most {maxBytes} bytes.", "too_large");

    /// <summary>The one answer for a code that is wrong, expired or already used.</summary>
    public static JsonHttpResult<ProblemDetails> InvalidCode() =>
        Problem(StatusCodes.Status400BadRequest, "Invalid code", "The verification code is not valid: it may be mistyped, expired or already used.", "code_invalid");

    /// <summary>The one answer for a token that is wrong, expired or already used.</summary>
    public static JsonHttpResult<ProblemDetails> InvalidToken() =>
        Problem(StatusCodes.Status400BadRequest, "Invalid token", "The token is not valid: it may be expired or already used.", "token_invalid");

    public static JsonHttpResult<ProblemDetails> InvalidHmac() =>
        Problem(StatusCodes.Status400BadRequest, "Invalid HMAC", "ekeyhmac must be the base64 encoding of exactly 32 bytes.", "hmac_invalid");

    public static JsonHttpResult<ProblemDetails> Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "API key required", "Send a valid API key of your realm in the X-API-Key header.", "unauthorized");

    public static JsonHttpResult<ProblemDetails> Throttled() =>
        Problem(StatusCodes.Status429TooManyRequests, "Too many requests", "Too many attempts from this client; wait before trying again.", "rate_limited");

    public static JsonHttpResult<ProblemDetails> Sunset() =>
        Problem(StatusCodes.Status410Gone, "Programme ended", "The exposure-notification programme has ended; no codes or certificates are issued.", "sunset");

    private static JsonHttpResult<ProblemDetails> Problem(int status, string title, string detail, string errorCode)
    {
        var problem = new ProblemDetails
        {
            Type = $"urn:gardefou:problem:{errorCode}",
            Title = title,
            Status = status,
            Detail = detail,
            Extensions = { ["errorCode"] = errorCode },
        };
        return TypedResults.Json(problem, ApiJson.Options, ContentType, status);
    }
}
