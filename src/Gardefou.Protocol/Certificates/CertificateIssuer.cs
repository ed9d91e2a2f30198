using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Certificates;

/// <summary>
/// Issues verification certificates: ES256 compact JWS signed with the verification service's P-256 key,
/// valid from 5 seconds ago (clock skew, as Google's server does) for <see cref="Lifetime"/> (15 minutes).
/// </summary>
public sealed class CertificateIssuer
{
    /// <summary>Default validity of a certificate.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan s_backdate = TimeSpan.FromSeconds(5);

    private readonly ECDsa _signingKey;
    private readonly string _keyId;
    private readonly string _issuer;
    private readonly string _audience;
    private readonly TimeProvider _time;

    /// <summary>Creates an issuer; <paramref name="signingKey"/> must be a P-256 private key (the caller owns it).</summary>
    public CertificateIssuer(ECDsa signingKey, string keyId, string issuer, string audience, TimeProvider time, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentNullException.ThrowIfNull(time);
        if (!EcdsaPem.IsP256(signingKey))
        {
            throw new ArgumentException("ES256 needs a P-256 key.", nameof(signingKey));
        }
        Lifetime = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Lifetime, TimeSpan.Zero, nameof(lifetime));
        _signingKey = signingKey;
        _keyId = keyId;
        _issuer = issuer;
        _audience = audience;
        _time = time;
    }

    /// <summary>How long a certificate stays valid after it is issued.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>Issues a certificate for keys whose HMAC is <paramref name="tekMac"/> (32 bytes).</summary>
    public string Issue(CertificateReportType reportType, EnIntervalNumber? symptomOnsetInterval, ReadOnlySpan<byte> tekMac) =>
        Sign(CreateClaims(reportType, symptomOnsetInterval, tekMac));

    /// <summary>The claims <see cref="Issue"/> would sign now.</summary>
    public VerificationCertificate CreateClaims(CertificateReportType reportType, EnIntervalNumber? symptomOnsetInterval, ReadOnlySpan<byte> tekMac)
    {
        if (tekMac.Length != TekMac.Size)
        {
            throw new ArgumentException($"The TEK HMAC is {TekMac.Size} bytes.", nameof(tekMac));
        }
        _ = reportType.ToClaim(); // rejects undefined values
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var start = now - s_backdate;
        return new VerificationCertificate(_issuer, _audience, start, start, now + Lifetime, reportType, symptomOnsetInterval, Convert.ToBase64String(tekMac));
    }

    /// <summary>Signs <paramref name="claims"/> as an ES256 compact JWS with this issuer's key id.</summary>
    public string Sign(VerificationCertificate claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var header = CompactJws.Encode(json =>
        {
            json.WriteString("alg", CompactJws.Algorithm);
            json.WriteString("kid", _keyId);
            json.WriteString("typ", "JWT");
        });
        var payload = CompactJws.Encode(json => WriteClaims(json, claims));
        return CompactJws.Sign(header, payload, _signingKey);
    }

    private static void WriteClaims(Utf8JsonWriter json, VerificationCertificate claims)
    {
        json.WriteString("aud", claims.Audience);
        json.WriteNumber("exp", claims.ExpiresAt.ToUnixTimeSeconds());
        json.WriteNumber("iat", claims.IssuedAt.ToUnixTimeSeconds());
        json.WriteString("iss", claims.Issuer);
        json.WriteNumber("nbf", claims.NotBefore.ToUnixTimeSeconds());
        json.WriteString("reportType", claims.ReportType.ToClaim());
        if (claims.SymptomOnsetInterval is { } onset)
        {
            json.WriteNumber("symptomOnsetInterval", onset.Value);
        }
        json.WriteString("tekmac", claims.TekMac);
    }
}
