namespace Gardefou.Verification.Portal.Views;

/// <summary>A code just issued in the portal, shown once; expiry texts are in the realm's time zone and the page's language.</summary>
public sealed record IssuedCodeView(string Code, DateTimeOffset ExpiresAt, string ExpiresText, string LongCode, DateTimeOffset LongExpiresAt, string LongExpiresText, string TestType, string TestDate, string? SymptomDate);
