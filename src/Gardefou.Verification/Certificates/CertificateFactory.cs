using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Time;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Security;
using Gardefou.Verification.Storage;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Certificates;

/// <summary>
/// Issues the verification certificate through the protocol's <see cref="CertificateIssuer"/> (ES256 JWT, header
/// <c>kid</c>, claims <c>reportType</c>, <c>symptomOnsetInterval</c>, <c>tekmac</c>) with the domain's signing key.
/// </summary>
internal sealed class CertificateFactory
{
    private readonly DomainKeys _keys;
    private readonly TimeProvider _time;
    private readonly VerificationOptions _options;

    public CertificateFactory(DomainKeys keys, TimeProvider time, IOptions<VerificationOptions> options)
    {
        _keys = keys;
        _time = time;
        _options = options.Value;
    }

    public string Create(CodeSubject subject, ReadOnlySpan<byte> tekHmac)
    {
        var issuer = new CertificateIssuer(_keys.SigningKey, _keys.KeyId, _options.Issuer, _options.Audience, _time, _options.CertificateLifetime);
        // Only a symptom date becomes the onset, as in Google's certapi (subject.SymptomInterval); a test date alone
        // leaves the claim out and the key server falls back to its own rule.
        EnIntervalNumber? onset = subject.SymptomDate is { } symptom ? EnIntervalNumber.StartOf(symptom) : null;
        var reportType = subject.TestType == TestType.Likely ? CertificateReportType.Likely : CertificateReportType.Confirmed;
        return issuer.Issue(reportType, onset, tekHmac);
    }
}
