using Gardefou.Hosting.Problems;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Api;

/// <summary>
/// Every error answer of the verification API, with Google's error codes and HTTP statuses
/// (pkg/api/api.go and the handlers in pkg/controller/{issueapi,verifyapi,certapi} of the verification server).
/// Where Google answers without a code (401, a phone with no SMS provider) <c>errorCode</c> is empty as there; the
/// problem <c>type</c> still names the case. Messages never echo what was sent.
/// </summary>
internal static class ApiErrors
{
    public const string UnparsableRequest = "unparsable_request";
    public const string InvalidTestType = "invalid_test_type";
    public const string UnsupportedTestType = "unsupported_test_type";
    public const string InvalidDate = "invalid_date";
    public const string MissingDate = "missing_date";
    public const string CodeInvalid = "code_invalid";
    public const string CodeExpired = "code_expired";
    public const string CodeNotFound = "code_not_found";
    public const string TokenInvalid = "token_invalid";
    public const string TokenExpired = "token_expired";
    public const string HmacInvalid = "hmac_invalid";
    public const string UuidAlreadyExists = "uuid_already_exists";
    public const string QuotaExceeded = "quota_exceeded";
    public const string MaintenanceMode = "maintenance_mode";
    public const string PhoneNumberInvalid = "phone_number_invalid";

    public static ApiAnswer Unparsable(string message, int? paddedSize = null) =>
        Error(StatusCodes.Status400BadRequest, UnparsableRequest, "Bad request", message, paddedSize);

    public static ApiAnswer Unauthorized(int? paddedSize = null) =>
        Error(StatusCodes.Status401Unauthorized, "", "unauthorized", "unauthorized", paddedSize, problem: "unauthorized");

    public static ApiAnswer Maintenance(int? paddedSize = null) =>
        Error(StatusCodes.Status429TooManyRequests, MaintenanceMode, "Maintenance", "server is read-only for maintenance", paddedSize);

    public static ApiAnswer Throttled(int retryAfterSeconds, int? paddedSize = null) =>
        new(StatusCodes.Status429TooManyRequests, Body(StatusCodes.Status429TooManyRequests, "", "Too many requests", "too many attempts; wait before trying again", "rate_limited"), paddedSize, retryAfterSeconds);

    public static ApiAnswer Sunset(int? paddedSize = null) =>
        Error(StatusCodes.Status410Gone, "", "Programme ended", "the exposure-notification programme has ended; no codes or certificates are issued", paddedSize, problem: "sunset");

    public static ApiAnswer MethodNotAllowed(int? paddedSize = null) =>
        Error(StatusCodes.Status405MethodNotAllowed, "", "Method not allowed", "method not allowed: use POST", paddedSize, problem: "method_not_allowed");

    public static ApiAnswer Error(int status, string errorCode, string title, string message, int? paddedSize = null, string? problem = null) =>
        new(status, Body(status, errorCode, title, message, problem ?? errorCode), paddedSize);

    private static ApiError Body(int status, string errorCode, string title, string message, string problem) =>
        new(ProblemTypes.Of(problem), title, status, message, message, errorCode, errorCode);
}
