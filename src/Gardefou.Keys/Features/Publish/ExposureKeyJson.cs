using System.Text.Json.Serialization;

namespace Gardefou.Keys.Features.Publish;

/// <summary>One key of a publish request, in the GAEN v1 JSON shape.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ExposureKeyJson
{
    /// <summary>Base64 (standard, padded) of the 16 key bytes.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("rollingStartNumber")]
    public int RollingStartNumber { get; init; }

    [JsonPropertyName("rollingPeriod")]
    public int RollingPeriod { get; init; }

    /// <summary>0 to 8; 0 lets the server derive it from the report type.</summary>
    [JsonPropertyName("transmissionRisk")]
    public int TransmissionRisk { get; init; }
}
