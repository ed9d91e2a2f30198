using System.Text.Json.Serialization;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// The GAEN v1 publish response. Every response body, success, chaff or error, is padded to the same
/// size; errors are also problem details (type, title, status, detail) in the same object.
/// </summary>
public sealed record PublishResponse
{
    [JsonPropertyName("revisionToken")]
    public string RevisionToken { get; init; } = "";

    [JsonPropertyName("insertedExposures")]
    public int InsertedExposures { get; init; }

    [JsonPropertyName("error")]
    public string Error { get; init; } = "";

    [JsonPropertyName("code")]
    public string Code { get; init; } = "";

    [JsonPropertyName("padding")]
    public string Padding { get; init; } = "";
}
