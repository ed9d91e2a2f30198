using System.Globalization;
using Gardefou.Verification.Api;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Features.Issue;

/// <summary>
/// Checks an issue request in the order of Google's <c>BuildVerificationCode</c> (issueapi/validate_code.go), so that a
/// request with several faults gets the answer Google would give: required date, symptom date, test date, phone,
/// <c>onlyGenerateSMS</c>, SMS provider, test type. The uuid's reuse is checked when issuing.
/// </summary>
internal static class IssueValidation
{
    /// <summary>Oldest date accepted, in days before today (Google's <c>ALLOWED_PAST_SYMPTOM_DAYS</c>, 28 days).</summary>
    public const int MaxAgeDays = 28;

    /// <summary>Largest real offset east of UTC (UTC+14), in minutes.</summary>
    private const int MaxEastOffsetMinutes = 14 * 60;

    private const int MaxExternalIssuerIdLength = 255;

    /// <summary>What the code will certify and the request's uuid (normalised, or null), or Google's refusal.</summary>
    public static Outcome<(CodeSubject Subject, string? Uuid), ApiAnswer> Validate(IssueRequest request, bool realmRequiresDate, DateTimeOffset now)
    {
        string? uuid = null;
        if (!string.IsNullOrWhiteSpace(request.Uuid))
        {
            if (!Guid.TryParse(request.Uuid.Trim(), out var parsed))
            {
                return Outcome.Fail(ApiErrors.Unparsable("uuid must be a UUID"));
            }
            uuid = parsed.ToString("D");
        }
        if (request.ExternalIssuerId is { Length: > MaxExternalIssuerIdLength })
        {
            return Outcome.Fail(ApiErrors.Unparsable($"externalIssuerID cannot exceed {MaxExternalIssuerIdLength} characters"));
        }
        if (realmRequiresDate && string.IsNullOrEmpty(request.SymptomDate) && string.IsNullOrEmpty(request.TestDate))
        {
            return Outcome.Fail(ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.MissingDate, "Missing date", "missing either test or symptom date"));
        }
        // Google truncates the float offset to whole minutes; only its sign and the issuer's local day matter here.
        var offset = (int)Math.Clamp(Math.Truncate(request.TzOffset ?? 0), -MaxEastOffsetMinutes, MaxEastOffsetMinutes);
        if (!ParseDate(request.SymptomDate, "symptom onset", offset, now).TryGetValue(out var symptom, out var error)
            || !ParseDate(request.TestDate, "test", offset, now).TryGetValue(out var test, out error))
        {
            return Outcome.Fail(error);
        }
        var phone = request.Phone ?? "";
        if (phone.Length > 0 && !IsPhoneNumber(phone))
        {
            return Outcome.Fail(ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.PhoneNumberInvalid, "Invalid phone number", "the phone number is not a valid phone number"));
        }
        if (request.OnlyGenerateSms == true)
        {
            return Outcome.Fail(ApiErrors.Unparsable("realm is not permitted to use onlyGenerateSMS"));
        }
        if (phone.Length > 0)
        {
            // Google's answer when the realm has no SMS provider: 400, with a message and no error code.
            return Outcome.Fail(ApiErrors.Error(StatusCodes.Status400BadRequest, "", "SMS not configured", "phone provided, but no sms provider is configured", problem: "sms_not_configured"));
        }
        switch (request.TestType?.ToLowerInvariant())
        {
            case "confirmed":
                return (new CodeSubject(TestType.Confirmed, test, symptom), uuid);
            case "likely":
                return (new CodeSubject(TestType.Likely, test, symptom), uuid);
            case "negative":
            case "user-report":
                // Known to Google, but not allowed in any Gardefou realm (as a Google realm that does not enable them).
                return Outcome.Fail(ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.UnsupportedTestType, "Unsupported test type", "unsupported test type: the realm issues confirmed and likely codes only"));
            default:
                return Outcome.Fail(ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.InvalidTestType, "Invalid test type", "invalid test type"));
        }
    }

    /// <summary>
    /// Google's ValidateDate: a date may not be after today (UTC) nor before today − 28 days, with one more day at the
    /// old end for an issuer west of UTC. Gardefou also takes the issuer's own today when it is east of UTC and already
    /// on the next day, a date Google refuses though it is true where the test was done.
    /// </summary>
    private static Outcome<DateOnly?, ApiAnswer> ParseDate(string? value, string name, int offsetMinutes, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (DateOnly?)null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return Outcome.Fail(ApiErrors.Unparsable($"failed to process {name} date: not a date YYYY-MM-DD"));
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var max = offsetMinutes > 0 ? DateOnly.FromDateTime(now.UtcDateTime.AddMinutes(offsetMinutes)) : today;
        var min = today.AddDays(-MaxAgeDays - (offsetMinutes < 0 ? 1 : 0));
        if (parsed > max || parsed < min)
        {
            return Outcome.Fail(ApiErrors.Error(StatusCodes.Status400BadRequest, ApiErrors.InvalidDate, "Invalid date",
                $"{name} date must be on/after {Diagnosis.Format(min)} and on/before {Diagnosis.Format(max)}"));
        }
        return (DateOnly?)parsed;
    }

    /// <summary>A plausible phone number: an optional +, then 5 to 15 digits, separators allowed.</summary>
    private static bool IsPhoneNumber(string phone)
    {
        if (phone.Length > 40)
        {
            return false;
        }
        var digits = 0;
        for (var i = 0; i < phone.Length; i++)
        {
            var c = phone[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '-' or '.' or '(' or ')' || (c == '+' && i == 0)))
            {
                return false;
            }
        }
        return digits is >= 5 and <= 15;
    }
}
