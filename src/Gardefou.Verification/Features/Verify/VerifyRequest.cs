using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Verify;

/// <summary>
/// Body of <c>POST /api/verify</c> (Google's VerifyCodeRequest): the 8-digit or 16-character code, the test types the
/// app accepts, and the nonce of a user report. Every member is optional, as in Google's binding (a missing code is
/// an unknown code); <c>padding</c> may be any JSON value and is not read.
/// </summary>
public sealed record VerifyRequest
{
    /// <summary>The code the person typed or followed as a link.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>Test types the app can process; omitted or empty means all.</summary>
    [JsonPropertyName("accept")]
    public IReadOnlyList<string>? Accept { get; init; }

    /// <summary>Base64 nonce of a self-requested code; checked to be base64, Gardefou issues no such codes.</summary>
    [JsonPropertyName("nonce")]
    public string? Nonce { get; init; }

    /// <summary>Random filler against size analysis.</summary>
    [JsonPropertyName("padding")]
    public JsonElement? Padding { get; init; }
}
