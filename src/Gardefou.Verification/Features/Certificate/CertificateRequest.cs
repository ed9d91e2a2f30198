namespace Gardefou.Verification.Features.Certificate;

/// <summary>Body of <c>POST /api/certificate</c>: the token from <c>/api/verify</c> and the base64 HMAC-SHA256 over the keys.</summary>
public sealed record CertificateRequest(string Token, string Ekeyhmac, string? Padding = null);
