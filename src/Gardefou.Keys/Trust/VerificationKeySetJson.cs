using System.Text.Json.Serialization;

namespace Gardefou.Keys.Trust;

/// <summary>The document a verification server publishes at <c>/.well-known/gardefou/verification-keys</c>.</summary>
public sealed record VerificationKeySetJson(
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("audience")] string? Audience,
    [property: JsonPropertyName("keys")] IReadOnlyList<VerificationKeyJson>? Keys);
