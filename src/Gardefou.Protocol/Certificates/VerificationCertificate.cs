using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Certificates;

/// <summary>
/// The claims of a verification certificate: the verification service attests a diagnosis and binds it, through
/// <see cref="TekMac"/>, to keys it never sees; the key service accepts a publish only with a valid one.
/// On the wire it is an ES256 JWT with claims <c>iss</c>, <c>aud</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>,
/// <c>reportType</c>, optional <c>symptomOnsetInterval</c> and <c>tekmac</c>.
/// </summary>
/// <param name="Issuer">The verification service (<c>iss</c>); the key service maps it to a health authority.</param>
/// <param name="Audience">The key service it is meant for (<c>aud</c>).</param>
/// <param name="IssuedAt"><c>iat</c>, whole seconds.</param>
/// <param name="NotBefore"><c>nbf</c>, whole seconds.</param>
/// <param name="ExpiresAt"><c>exp</c>, whole seconds.</param>
/// <param name="ReportType">The attested diagnosis (<c>reportType</c>).</param>
/// <param name="SymptomOnsetInterval">UTC-midnight interval of the symptom onset (<c>symptomOnsetInterval</c>), if known.</param>
/// <param name="TekMac">Standard base64 of the 32-byte TEK HMAC (<c>tekmac</c>).</param>
public sealed record VerificationCertificate(
    string Issuer,
    string Audience,
    DateTimeOffset IssuedAt,
    DateTimeOffset NotBefore,
    DateTimeOffset ExpiresAt,
    CertificateReportType ReportType,
    EnIntervalNumber? SymptomOnsetInterval,
    string TekMac);
