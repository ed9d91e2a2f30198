namespace Gardefou.Protocol.Certificates;

/// <summary>Why <see cref="CertificateValidator"/> refused a certificate; stable codes for API error bodies.</summary>
public enum CertificateValidationError
{
    /// <summary>The certificate is valid.</summary>
    None,

    /// <summary>Not a compact JWS with a JSON header and payload (bad segments, base64url or JSON).</summary>
    Malformed,

    /// <summary>Longer than the configured limit; not parsed at all.</summary>
    TooLarge,

    /// <summary>The header's <c>alg</c> is not ES256 (or it asks for unsupported extensions).</summary>
    UnsupportedAlgorithm,

    /// <summary>The header has no <c>kid</c>.</summary>
    MissingKeyId,

    /// <summary>No public key is known for this issuer and <c>kid</c>.</summary>
    UnknownKey,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature,

    /// <summary>A required claim is missing or has the wrong type.</summary>
    InvalidClaims,

    /// <summary>The <c>aud</c> claim does not name this key service.</summary>
    WrongAudience,

    /// <summary><c>nbf</c> or <c>iat</c> is in the future beyond the allowed clock skew.</summary>
    NotYetValid,

    /// <summary><c>exp</c> has passed beyond the allowed clock skew.</summary>
    Expired,

    /// <summary>The <c>reportType</c> claim is not confirmed, likely, negative or user-report.</summary>
    InvalidReportType,

    /// <summary>The <c>tekmac</c> claim is not the HMAC of the published keys under the given secret.</summary>
    MacMismatch,
}
