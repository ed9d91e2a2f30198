using System.Text.Json.Serialization;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// The GAEN v1 publish response (pkg/api/v1/exposure_types.go PublishResponse): every member is left out when
/// empty, as Google's <c>omitempty</c>. Every response body, success, chaff or error, is padded to the same size;
/// errors are also problem details (type, title, status, detail) in the same object.
/// </summary>
public sealed record PublishResponse
{
    [JsonPropertyName("revisionToken")]
    public string? RevisionToken { get; init; }

    [JsonPropertyName("insertedExposures")]
    public int InsertedExposures { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("padding")]
    public string? Padding { get; init; }

    /// <summary>Keys accepted without being stored, one sentence each (Google: onset too far from the key's day).</summary>
    [JsonPropertyName("warnings")]
    public IReadOnlyList<string>? Warnings { get; init; }
}
