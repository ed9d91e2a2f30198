using System.Text.Json.Serialization;

namespace Gardefou.Device.Upload;

/// <summary>The <c>POST /api/verify</c> body, member for member as Google's Android app writes it (DiagnosisAttestor).</summary>
internal sealed record VerifyCodeRequest(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("accept")] IReadOnlyList<string> Accept,
    [property: JsonPropertyName("padding")] string Padding);
