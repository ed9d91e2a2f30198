namespace Gardefou.Verification.Portal.Views;

/// <summary>The antiforgery field every portal form carries.</summary>
public sealed record FormToken(string FieldName, string Value);
