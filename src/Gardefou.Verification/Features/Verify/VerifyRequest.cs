namespace Gardefou.Verification.Features.Verify;

/// <summary>Body of <c>POST /api/verify</c>: the 8-digit or 16-character code; <c>padding</c> is ignored.</summary>
public sealed record VerifyRequest(string Code, string? Padding = null);
