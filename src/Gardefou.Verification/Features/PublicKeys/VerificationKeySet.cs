namespace Gardefou.Verification.Features.PublicKeys;

/// <summary>The document at <c>/.well-known/gardefou/verification-keys</c>.</summary>
/// <param name="Issuer">The <c>iss</c> claim of our certificates.</param>
/// <param name="Audience">The <c>aud</c> claim of our certificates.</param>
/// <param name="Keys">Keys that may have signed a live certificate (the JWT header's <c>kid</c> picks one).</param>
public sealed record VerificationKeySet(string Issuer, string Audience, IReadOnlyList<VerificationPublicKey> Keys);
