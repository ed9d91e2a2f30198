using System.Text.Json;
using static Gardefou.Protocol.Certificates.CertificateValidationError;

namespace Gardefou.Protocol.Certificates;

/// <summary>
/// Validates verification certificates for the key service: size limit, compact JWS shape, <c>alg</c> ES256,
/// <c>kid</c> → public key of the issuer, the signature, <c>aud</c>, <c>nbf</c>/<c>iat</c>/<c>exp</c> with a small
/// clock skew, the report type and, for a publish, the TEK HMAC in constant time. Bad input never throws: every
/// refusal is a <see cref="CertificateValidationResult"/> with an error code.
/// </summary>
public sealed partial class CertificateValidator
{
    private static readonly JsonDocumentOptions s_json = new() { MaxDepth = 4, AllowDuplicateProperties = false };

    private readonly CertificateValidatorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a validator.</summary>
    public CertificateValidator(CertificateValidatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(options.Audience);
        ArgumentNullException.ThrowIfNull(options.ResolveKey);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ClockSkew.Ticks, nameof(options));
        _options = options;
        _time = time;
    }

    /// <summary>
    /// Validates <paramref name="certificate"/> and checks that its <c>tekmac</c> is the HMAC of
    /// <paramref name="keys"/> (as the request sent them) under <paramref name="hmacSecret"/>.
    /// </summary>
    public CertificateValidationResult Validate(string? certificate, ReadOnlySpan<byte> hmacSecret, IReadOnlyList<TekMacKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = Validate(certificate);
        if (!result.IsValid)
        {
            return result;
        }
        var mac = new byte[TekMac.Size];
        if (!Convert.TryFromBase64String(result.Certificate.TekMac, mac, out var written) || written != TekMac.Size)
        {
            return CertificateValidationResult.Fail(InvalidClaims, "The tekmac claim is not the base64 of 32 bytes.");
        }
        if (hmacSecret.IsEmpty || !TekMac.Matches(hmacSecret, keys, mac))
        {
            return CertificateValidationResult.Fail(MacMismatch, "The certificate was issued for other keys or another HMAC secret.");
        }
        return result;
    }

    /// <summary>Validates <paramref name="certificate"/> without the TEK HMAC check.</summary>
    public CertificateValidationResult Validate(string? certificate)
    {
        if (string.IsNullOrEmpty(certificate))
        {
            return CertificateValidationResult.Fail(Malformed, "No certificate.");
        }
        if (certificate.Length > _options.MaxLength)
        {
            return CertificateValidationResult.Fail(TooLarge, $"The certificate is longer than {_options.MaxLength} characters.");
        }
        var text = certificate.AsSpan();
        var firstDot = text.IndexOf('.');
        var lastDot = text.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || text[(firstDot + 1)..lastDot].Contains('.'))
        {
            return CertificateValidationResult.Fail(Malformed, "A certificate is a compact JWS of three segments.");
        }
        if (!CompactJws.TryDecode(text[..firstDot], out var headerBytes)
            || !CompactJws.TryDecode(text[(firstDot + 1)..lastDot], out var payloadBytes)
            || !CompactJws.TryDecode(text[(lastDot + 1)..], out var signature))
        {
            return CertificateValidationResult.Fail(Malformed, "A segment is not base64url.");
        }

        try
        {
            return Validate(text, lastDot, headerBytes, payloadBytes, signature);
        }
        catch (InvalidOperationException)
        {
            // JsonElement.GetString throws on strings that are not valid UTF-8; parsing does not check them.
            return CertificateValidationResult.Fail(Malformed, "The header or payload holds invalid UTF-8.");
        }
    }

    private CertificateValidationResult Validate(ReadOnlySpan<char> text, int lastDot, byte[] headerBytes, byte[] payloadBytes, byte[] signature)
    {
        using var header = ParseObject(headerBytes);
        using var payload = ParseObject(payloadBytes);
        if (header is null || payload is null)
        {
            return CertificateValidationResult.Fail(Malformed, "The header or payload is not a JSON object.");
        }
        var headerError = CheckHeader(header.RootElement, out var keyId);
        if (headerError is not null)
        {
            return headerError;
        }
        if (!TryGetString(payload.RootElement, "iss", out var issuer))
        {
            return CertificateValidationResult.Fail(InvalidClaims, "The iss claim is missing.");
        }
        var key = _options.ResolveKey(issuer, keyId);
        if (key is null)
        {
            return CertificateValidationResult.Fail(UnknownKey, "No public key is known for this issuer and key id.");
        }
        if (!CompactJws.Verify(text[..lastDot], signature, key))
        {
            return CertificateValidationResult.Fail(InvalidSignature, "The signature does not verify.");
        }
        return CheckClaims(payload.RootElement, issuer);
    }

    private static CertificateValidationResult? CheckHeader(JsonElement header, out string keyId)
    {
        keyId = "";
        if (!TryGetString(header, "alg", out var alg) || alg != CompactJws.Algorithm)
        {
            return CertificateValidationResult.Fail(UnsupportedAlgorithm, "Only alg ES256 is accepted.");
        }
        if (header.TryGetProperty("crit", out _))
        {
            return CertificateValidationResult.Fail(UnsupportedAlgorithm, "Critical header extensions are not supported.");
        }
        if (header.TryGetProperty("typ", out var typ) && (typ.ValueKind != JsonValueKind.String || typ.GetString() != "JWT"))
        {
            return CertificateValidationResult.Fail(Malformed, "The typ header, when present, must be JWT.");
        }
        if (!TryGetString(header, "kid", out keyId) || keyId.Length == 0)
        {
            return CertificateValidationResult.Fail(MissingKeyId, "The header has no kid.");
        }
        return null;
    }

    private static JsonDocument? ParseObject(byte[] json)
    {
        try
        {
            var document = JsonDocument.Parse(json, s_json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryGetString(JsonElement element, string name, out string value)
    {
        value = "";
        if (element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString()!;
            return true;
        }
        return false;
    }
}
