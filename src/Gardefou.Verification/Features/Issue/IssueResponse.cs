namespace Gardefou.Verification.Features.Issue;

/// <summary>Answer of <c>POST /api/issue</c>: the 8-digit code and the 16-character code, each with its expiry.</summary>
public sealed record IssueResponse(
    string Code,
    DateTimeOffset ExpiresAt,
    long ExpiresAtTimestamp,
    string LongCode,
    DateTimeOffset LongExpiresAt,
    long LongExpiresAtTimestamp);
