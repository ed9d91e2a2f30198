using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Verify;

/// <summary>Answer of <c>POST /api/verify</c>, in the shape of Google's verification server (<c>testtype</c> in lower case).</summary>
public sealed record VerifyResponse(
    string Token,
    [property: JsonPropertyName("testtype")] string TestType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SymptomDate,
    string TestDate);
