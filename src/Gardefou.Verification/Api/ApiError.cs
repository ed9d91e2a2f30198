using System.Text.Json.Serialization;

namespace Gardefou.Verification.Api;

/// <summary>
/// An error of the verification API: Google's members (<c>error</c>, the message; <c>errorCode</c>, and its legacy
/// twin <c>error_code</c>) beside RFC 9457 problem members (<c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>).
/// </summary>
internal sealed record ApiError(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("errorCode")] string ErrorCode,
    [property: JsonPropertyName("error_code")] string LegacyErrorCode);
