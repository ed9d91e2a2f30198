using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Protocol.Tests.Certificates;

public sealed class CertificateTests : IDisposable
{
    private const string Issuer = "gardefou-verification";
    private const string Audience = "gardefou-keys";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(16);
    private readonly TekMacKey[] _keys =
    [
        new(TemporaryExposureKey.Generate(), 2_950_000, 144, 0),
        new(TemporaryExposureKey.Generate(), 2_950_144, 100, 0),
    ];

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private CertificateIssuer NewIssuer(string kid = "v1", ECDsa? key = null) => new(key ?? _key, kid, Issuer, Audience, _time);

    private CertificateValidator NewValidator(string audience = Audience) => new(
        new CertificateValidatorOptions
        {
            Audience = audience,
            ResolveKey = (iss, kid) => iss == Issuer && kid == "v1" ? _key : null,
        },
        _time);

    private string IssueForKeys(CertificateIssuer? issuer = null) =>
        (issuer ?? NewIssuer()).Issue(CertificateReportType.Confirmed, new EnIntervalNumber(2_949_856), TekMac.Compute(_secret, _keys));

    [Fact]
    public void Issued_certificate_round_trips_with_all_claims()
    {
        var token = IssueForKeys();

        var result = NewValidator().Validate(token, _secret, _keys);

        Assert.True(result.IsValid, result.Message);
        var claims = result.Certificate;
        Assert.Equal(Issuer, claims.Issuer);
        Assert.Equal(Audience, claims.Audience);
        Assert.Equal(_time.GetUtcNow().AddSeconds(-5), claims.IssuedAt);
        Assert.Equal(claims.IssuedAt, claims.NotBefore);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), claims.ExpiresAt);
        Assert.Equal(CertificateReportType.Confirmed, claims.ReportType);
        Assert.Equal(new EnIntervalNumber(2_949_856), claims.SymptomOnsetInterval);
        Assert.Equal(TekMac.ComputeBase64(_secret, _keys), claims.TekMac);
    }

    [Fact]
    public void Header_and_claims_have_the_wire_names_of_the_contract()
    {
        var parts = IssueForKeys().Split('.');
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0]));
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));

        Assert.Equal("""{"alg":"ES256","kid":"v1","typ":"JWT"}""", header);
        foreach (var claim in new[] { "\"iss\":", "\"aud\":", "\"iat\":", "\"nbf\":", "\"exp\":", "\"reportType\":\"confirmed\"", "\"symptomOnsetInterval\":2949856", "\"tekmac\":" })
        {
            Assert.Contains(claim, payload, StringComparison.Ordinal);
        }
        Assert.Equal(64, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    [Fact]
    public void Certificate_is_valid_until_it_expires_plus_skew()
    {
        var token = IssueForKeys();
        _time.Advance(TimeSpan.FromMinutes(15.5));
        Assert.True(NewValidator().Validate(token).IsValid);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(CertificateValidationError.Expired, NewValidator().Validate(token).Error);
    }

    [Fact]
    public void Certificate_from_the_future_is_not_yet_valid()
    {
        var future = new FakeTimeProvider(_time.GetUtcNow().AddMinutes(10));
        var token = new CertificateIssuer(_key, "v1", Issuer, Audience, future).Issue(CertificateReportType.Confirmed, null, TekMac.Compute(_secret, _keys));

        Assert.Equal(CertificateValidationError.NotYetValid, NewValidator().Validate(token).Error);
    }

    [Fact]
    public void Wrong_audience_unknown_kid_and_foreign_key_are_refused()
    {
        Assert.Equal(CertificateValidationError.WrongAudience, NewValidator("another-server").Validate(IssueForKeys()).Error);
        Assert.Equal(CertificateValidationError.UnknownKey, NewValidator().Validate(IssueForKeys(NewIssuer("v2"))).Error);
        // Right kid, signed by someone else's key: a forged signature.
        Assert.Equal(CertificateValidationError.InvalidSignature, NewValidator().Validate(IssueForKeys(NewIssuer("v1", _otherKey))).Error);
    }

    [Fact]
    public void Tampered_payload_or_signature_is_refused()
    {
        var parts = IssueForKeys().Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("confirmed", "likely", StringComparison.Ordinal);
        var tamperedPayload = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        Assert.Equal(CertificateValidationError.InvalidSignature, NewValidator().Validate(tamperedPayload).Error);

        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[10] ^= 1;
        Assert.Equal(CertificateValidationError.InvalidSignature, NewValidator().Validate($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature)}").Error);
    }

    [Fact]
    public void Other_keys_or_secret_give_a_mac_mismatch()
    {
        var token = IssueForKeys();

        Assert.Equal(CertificateValidationError.MacMismatch, NewValidator().Validate(token, _secret, _keys[..1]).Error);
        Assert.Equal(CertificateValidationError.MacMismatch, NewValidator().Validate(token, RandomNumberGenerator.GetBytes(16), _keys).Error);
        Assert.Equal(CertificateValidationError.MacMismatch, NewValidator().Validate(token, [], _keys).Error);
    }

    [Fact]
    public void Alternate_mac_is_accepted_when_every_risk_is_zero()
    {
        var token = NewIssuer().Issue(CertificateReportType.Likely, null, TekMac.ComputeAlternate(_secret, _keys));

        var result = NewValidator().Validate(token, _secret, _keys);

        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Certificate.SymptomOnsetInterval);
    }

    [Fact]
    public void Other_algorithms_and_unsigned_tokens_are_refused()
    {
        var parts = IssueForKeys().Split('.');
        var none = Base64Url.EncodeToString("""{"alg":"none","kid":"v1"}"""u8);
        var hs256 = Base64Url.EncodeToString("""{"alg":"HS256","kid":"v1","typ":"JWT"}"""u8);
        var noKid = Base64Url.EncodeToString("""{"alg":"ES256","typ":"JWT"}"""u8);

        Assert.Contains(NewValidator().Validate($"{none}.{parts[1]}.").Error, new[] { CertificateValidationError.Malformed, CertificateValidationError.UnsupportedAlgorithm });
        Assert.Equal(CertificateValidationError.UnsupportedAlgorithm, NewValidator().Validate($"{none}.{parts[1]}.{parts[2]}").Error);
        Assert.Equal(CertificateValidationError.UnsupportedAlgorithm, NewValidator().Validate($"{hs256}.{parts[1]}.{parts[2]}").Error);
        Assert.Equal(CertificateValidationError.MissingKeyId, NewValidator().Validate($"{noKid}.{parts[1]}.{parts[2]}").Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("...")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30=.AAAA")]
    [InlineData("e30.e30.AAAA")]
    [InlineData("W10.W10.AAAA")]
    [InlineData("eyJhbGciOiJFUzI1NiIsImFsZyI6IkVTMjU2In0.e30.AAAA")]
    [InlineData("eyJhbGciOiJFUzI1NiIsImtpZCI6InYxIn0.e30.AAAA")]
    [InlineData("eyJhbGciOiJFUzI1NiIsImtpZCI6InYxIn0.eyJpc3MiOjF9.AAAA")]
    [InlineData("!!!.###.$$$")]
    public void Garbage_strings_are_refused_with_an_error_code_not_an_exception(string? token)
    {
        var result = NewValidator().Validate(token, _secret, _keys);

        Assert.False(result.IsValid);
        Assert.NotEqual(CertificateValidationError.None, result.Error);
        Assert.NotEmpty(result.Message);
    }

    [Theory]
    [InlineData("""{"iss":"gardefou-verification","aud":7,"iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":"1","nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":1e300,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1.5,"nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":-1,"nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":999999999999999,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":{"a":1},"tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":"Confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed","symptomOnsetInterval":-5,"tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed","symptomOnsetInterval":"2949856","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"not base64!"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":[["gardefou-keys"]],"iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"x"}""")]
    [InlineData("""{"iss":"gardefou-verification","aud":"gardefou-keys","iat":1,"nbf":1,"exp":99999999999,"reportType":"confirmed","tekmac":"x","extra":{"a":{"b":{"c":{"d":1}}}}}""")]
    public void Correctly_signed_payloads_with_bad_claims_are_refused_without_exceptions(string payloadJson)
    {
        var header = Base64Url.EncodeToString("""{"alg":"ES256","kid":"v1","typ":"JWT"}"""u8);
        var token = CompactJws.Sign(header, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson)), _key);

        var result = NewValidator().Validate(token, _secret, _keys);

        Assert.False(result.IsValid);
        Assert.NotEqual(CertificateValidationError.InvalidSignature, result.Error);
    }

    [Fact]
    public void Audience_may_be_an_array_that_names_the_key_service()
    {
        var header = Base64Url.EncodeToString("""{"alg":"ES256","kid":"v1"}"""u8);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var payload = $$"""{"iss":"{{Issuer}}","aud":["other","{{Audience}}"],"iat":{{now}},"nbf":{{now}},"exp":{{now + 60}},"reportType":"likely","tekmac":"{{TekMac.ComputeBase64(_secret, _keys)}}"}""";
        var token = CompactJws.Sign(header, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)), _key);

        var result = NewValidator().Validate(token, _secret, _keys);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(CertificateReportType.Likely, result.Certificate.ReportType);
    }

    [Fact]
    public void Oversized_certificate_is_refused_before_parsing()
    {
        Assert.Equal(CertificateValidationError.TooLarge, NewValidator().Validate(new string('a', 5000)).Error);
    }

    [Fact]
    public void Randomly_mutated_certificates_never_throw()
    {
        var token = IssueForKeys();
        var random = new Random(7);
        var validator = NewValidator();
        for (var i = 0; i < 2000; i++)
        {
            var chars = token.ToCharArray();
            chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
            var result = validator.Validate(new string(chars), _secret, _keys);
            Assert.True(result.IsValid || result.Error != CertificateValidationError.None);
        }
    }

    [Fact]
    public void Report_type_claims_map_to_export_report_types()
    {
        foreach (var type in Enum.GetValues<CertificateReportType>())
        {
            Assert.True(CertificateReportTypes.TryParse(type.ToClaim(), out var parsed));
            Assert.Equal(type, parsed);
        }
        Assert.False(CertificateReportTypes.TryParse("Confirmed", out _));
        Assert.Equal(Gardefou.Protocol.Export.ReportType.ConfirmedTest, CertificateReportType.Confirmed.ToExportReportType());
        Assert.Null(CertificateReportType.Negative.ToExportReportType());
    }
}
