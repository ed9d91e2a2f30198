using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Issue;

/// <summary>
/// Body of <c>POST /api/issue</c>, every member of Google's IssueCodeRequest, each optional as there. Dates are
/// <c>YYYY-MM-DD</c>, in the issuer's time zone when <c>tzOffset</c> (minutes east of UTC) is given.
/// </summary>
public sealed record IssueRequest
{
    /// <summary><c>confirmed</c>, <c>likely</c> (or Google's <c>negative</c>, <c>user-report</c>, which no Gardefou realm issues).</summary>
    [JsonPropertyName("testType")]
    public string? TestType { get; init; }

    /// <summary>Date of the test.</summary>
    [JsonPropertyName("testDate")]
    public string? TestDate { get; init; }

    /// <summary>Date symptoms began; it alone becomes the certificate's onset.</summary>
    [JsonPropertyName("symptomDate")]
    public string? SymptomDate { get; init; }

    /// <summary>The issuer's offset from UTC in minutes (Google: a float, truncated).</summary>
    [JsonPropertyName("tzOffset")]
    public double? TzOffset { get; init; }

    /// <summary>Phone to text the code to; needs an SMS provider, which Gardefou does not have.</summary>
    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    /// <summary>Label of the realm's SMS template.</summary>
    [JsonPropertyName("smsTemplateLabel")]
    public string? SmsTemplateLabel { get; init; }

    /// <summary>The issuer's handle of the code; generated when absent, refused when reused.</summary>
    [JsonPropertyName("uuid")]
    public string? Uuid { get; init; }

    /// <summary>The issuer's own identifier of who issued; accepted, not stored.</summary>
    [JsonPropertyName("externalIssuerID")]
    public string? ExternalIssuerId { get; init; }

    /// <summary>Return the SMS text instead of sending it (a realm permission Gardefou does not grant).</summary>
    [JsonPropertyName("onlyGenerateSMS")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? OnlyGenerateSms { get; init; }

    /// <summary>Random filler against size analysis.</summary>
    [JsonPropertyName("padding")]
    public JsonElement? Padding { get; init; }
}
