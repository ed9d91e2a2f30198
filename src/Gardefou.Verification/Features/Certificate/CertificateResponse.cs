namespace Gardefou.Verification.Features.Certificate;

/// <summary>Answer of <c>POST /api/certificate</c>: the ES256 JWT to send as <c>verificationPayload</c> to <c>/v1/publish</c>.</summary>
public sealed record CertificateResponse(string Certificate);
