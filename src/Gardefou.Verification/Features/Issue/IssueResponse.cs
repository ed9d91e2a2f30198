using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Issue;

/// <summary>
/// Answer of <c>POST /api/issue</c>, Google's IssueCodeResponse: the handle, the 8-digit code, its expiry as RFC 1123
/// text in UTC and as Unix seconds, the same for the long code; plus Gardefou's <c>longCode</c> itself (Google sends it
/// only by SMS).
/// </summary>
public sealed record IssueResponse(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("expiresAt")] string ExpiresAt,
    [property: JsonPropertyName("expiresAtTimestamp")] long ExpiresAtTimestamp,
    [property: JsonPropertyName("longCode")] string LongCode,
    [property: JsonPropertyName("longExpiresAt")] string LongExpiresAt,
    [property: JsonPropertyName("longExpiresAtTimestamp")] long LongExpiresAtTimestamp);
