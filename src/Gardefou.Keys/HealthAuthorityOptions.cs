namespace Gardefou.Keys;

/// <summary>
/// A health authority whose verification server signs upload certificates (<c>Keys:HealthAuthorities:&lt;id&gt;</c>).
/// Its public keys come from a PEM file, from its well-known URL, or (in <c>--roles all</c>) from the local verification domain.
/// </summary>
public sealed class HealthAuthorityOptions
{
    /// <summary>Expected <c>iss</c> claim; empty accepts any issuer signed by a trusted key.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c> claim.</summary>
    public string? Audience { get; set; }

    /// <summary>A SubjectPublicKeyInfo PEM file with the certificate signing key.</summary>
    public string? PublicKeyPemFile { get; set; }

    /// <summary>The <c>kid</c> to use for the PEM file's key.</summary>
    public string? PublicKeyId { get; set; }

    /// <summary>URL of the verification server's <c>/.well-known/gardefou/verification-keys</c>, refreshed periodically.</summary>
    public Uri? VerificationKeysUrl { get; set; }
}
