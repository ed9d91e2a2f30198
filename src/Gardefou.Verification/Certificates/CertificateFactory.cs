using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gardefou.Protocol.Time;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Security;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Certificates;

/// <summary>
/// Builds the verification certificate: an ES256 JWT (header <c>kid</c>) carrying <c>reportType</c>,
/// <c>symptomOnsetInterval</c> and <c>tekmac</c>, as Google's verification server issues it.
/// </summary>
internal sealed class CertificateFactory
{
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(5);
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
        var now = _time.GetUtcNow();
        // When no symptom onset is known the test date stands in for it, as the anchors do.
        var onsetDay = diagnosis.SymptomDate ?? diagnosis.TestDate;
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = "ES256",
            ["kid"] = _keys.KeyId,
            ["typ"] = "JWT",
        });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = _options.Issuer,
            ["aud"] = _options.Audience,
            ["iat"] = (now - s_clockSkew).ToUnixTimeSeconds(),
            ["nbf"] = (now - s_clockSkew).ToUnixTimeSeconds(),
            ["exp"] = (now + _options.CertificateLifetime).ToUnixTimeSeconds(),
            ["reportType"] = Diagnosis.Name(diagnosis.TestType),
            ["symptomOnsetInterval"] = EnIntervalNumber.StartOf(onsetDay).Value,
            ["tekmac"] = Convert.ToBase64String(tekHmac),
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        var signature = _keys.SigningKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
