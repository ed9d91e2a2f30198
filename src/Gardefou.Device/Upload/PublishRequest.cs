using System.Text.Json.Serialization;

namespace Gardefou.Device.Upload;

/// <summary>The GAEN v1 publish request (<c>POST /v1/publish</c>), real or dummy: both have this exact shape.</summary>
internal sealed record PublishRequest(
    [property: JsonPropertyName("temporaryExposureKeys")] IReadOnlyList<PublishedKey> TemporaryExposureKeys,
    [property: JsonPropertyName("healthAuthorityID")] string HealthAuthorityId,
    [property: JsonPropertyName("verificationPayload")] string VerificationPayload,
    [property: JsonPropertyName("hmacKey")] string HmacKey,
    [property: JsonPropertyName("traveler")] bool Traveler,
    [property: JsonPropertyName("padding")] string Padding);

/// <summary>One key of a publish request.</summary>
internal sealed record PublishedKey(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("rollingStartNumber")] int RollingStartNumber,
    [property: JsonPropertyName("rollingPeriod")] int RollingPeriod,
    [property: JsonPropertyName("transmissionRisk")] int TransmissionRisk);
