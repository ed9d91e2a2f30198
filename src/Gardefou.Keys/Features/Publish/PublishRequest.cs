using System.Text.Json.Serialization;

namespace Gardefou.Keys.Features.Publish;

/// <summary>The GAEN v1 publish request (<c>POST /v1/publish</c>). Unknown fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PublishRequest
{
    [JsonPropertyName("temporaryExposureKeys")]
    public IReadOnlyList<ExposureKeyJson>? TemporaryExposureKeys { get; init; }

    [JsonPropertyName("healthAuthorityID")]
    public string? HealthAuthorityId { get; init; }

    /// <summary>The verification certificate (ES256 JWT) from the verification server.</summary>
    [JsonPropertyName("verificationPayload")]
    public string? VerificationPayload { get; init; }

    /// <summary>Base64 of the device's HMAC secret, with which the certificate's <c>tekmac</c> was computed.</summary>
    [JsonPropertyName("hmacKey")]
    public string? HmacKey { get; init; }

    [JsonPropertyName("symptomOnsetInterval")]
    public int? SymptomOnsetInterval { get; init; }

    [JsonPropertyName("traveler")]
    public bool? Traveler { get; init; }

    /// <summary>Token from an earlier publish of this device; needed to revise those keys' report type.</summary>
    [JsonPropertyName("revisionToken")]
    public string? RevisionToken { get; init; }

    /// <summary>Random filler chosen by the client so that request sizes say nothing; ignored.</summary>
    [JsonPropertyName("padding")]
    public string? Padding { get; init; }
}
