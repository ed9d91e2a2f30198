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

    public string Create(Diagnosis diagnosis, ReadOnlySpan<byte> tekHmac)
    {
        var issuer = new CertificateIssuer(_keys.SigningKey, _keys.KeyId, _options.Issuer, _options.Audience, _time, _options.CertificateLifetime);
        // When no symptom onset is known the test date stands in for it, as Google's verification server does.
        var onset = EnIntervalNumber.StartOf(diagnosis.SymptomDate ?? diagnosis.TestDate);
        var reportType = diagnosis.TestType == TestType.Likely ? CertificateReportType.Likely : CertificateReportType.Confirmed;
        return issuer.Issue(reportType, onset, tekHmac);
    }
}
