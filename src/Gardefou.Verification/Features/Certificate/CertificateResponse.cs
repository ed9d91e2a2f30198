using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Certificate;

/// <summary>Answer of <c>POST /api/certificate</c>: the ES256 JWT to send as <c>verificationPayload</c> to <c>/v1/publish</c> (a <c>padding</c> member is added on the wire).</summary>
public sealed record CertificateResponse([property: JsonPropertyName("certificate")] string Certificate);
