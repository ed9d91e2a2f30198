namespace Gardefou.Verification.Portal.Views;

/// <summary>A code just issued in the portal, shown once.</summary>
public sealed record IssuedCodeView(string Code, DateTimeOffset ExpiresAt, string LongCode, DateTimeOffset LongExpiresAt, string TestType, string TestDate, string? SymptomDate);
