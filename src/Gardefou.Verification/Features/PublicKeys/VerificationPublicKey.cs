namespace Gardefou.Verification.Features.PublicKeys;

/// <summary>One certificate-signing public key.</summary>
/// <param name="Kid">Key id, as in the certificate's JWT header.</param>
/// <param name="Alg">Always <c>ES256</c> (ECDSA P-256, SHA-256).</param>
/// <param name="PublicKeyPem">SubjectPublicKeyInfo in PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</param>
public sealed record VerificationPublicKey(string Kid, string Alg, string PublicKeyPem);
