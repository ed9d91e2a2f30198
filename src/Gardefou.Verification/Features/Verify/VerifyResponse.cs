using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Verify;

/// <summary>Answer of <c>POST /api/verify</c>, Google's VerifyCodeResponse (a <c>padding</c> member is added on the wire).</summary>
public sealed record VerifyResponse(
    [property: JsonPropertyName("testtype")] string TestType,
    [property: JsonPropertyName("symptomDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SymptomDate,
    [property: JsonPropertyName("testDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TestDate,
    [property: JsonPropertyName("token")] string Token);
