using System.Text.Json.Serialization;

namespace Gardefou.Keys.Trust;

/// <summary>One certificate-signing public key of a verification server.</summary>
public sealed record VerificationKeyJson(
    [property: JsonPropertyName("kid")] string? Kid,
    [property: JsonPropertyName("alg")] string? Alg,
    [property: JsonPropertyName("publicKeyPem")] string? PublicKeyPem);
