namespace Gardefou.Verification.Codes;

/// <summary>A freshly issued pair of codes, shown once and never stored in clear.</summary>
internal sealed record IssuedCode(string ShortCode, DateTimeOffset ShortExpiresAt, string LongCode, DateTimeOffset LongExpiresAt, string Uuid = "");
