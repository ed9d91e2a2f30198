using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Certificate;

/// <summary>Body of <c>POST /api/certificate</c> (Google's VerificationCertificateRequest): the token from <c>/api/verify</c> and the base64 HMAC-SHA256 over the keys.</summary>
public sealed record CertificateRequest
{
    /// <summary>Exactly the token <c>/api/verify</c> returned.</summary>
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    /// <summary>Base64 of the 32-byte HMAC of the keys to upload.</summary>
    [JsonPropertyName("ekeyhmac")]
    public string? Ekeyhmac { get; init; }

    /// <summary>Random filler against size analysis.</summary>
    [JsonPropertyName("padding")]
    public JsonElement? Padding { get; init; }
}
