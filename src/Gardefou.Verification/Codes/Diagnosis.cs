using System.Globalization;
using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Codes;

/// <summary>What a code attests, validated: the test type and the dates a health worker or lab gave.</summary>
internal sealed record Diagnosis(TestType TestType, DateOnly TestDate, DateOnly? SymptomDate)
{
    /// <summary>How far back a test or symptom date may lie (the key service accepts keys of the last 14 days; onset up to 28).</summary>
    public const int MaxAgeDays = 28;

    /// <summary>Validates what a health worker entered; the error names the field at fault, never its value.</summary>
    public static Outcome<Diagnosis, string> Parse(string? testType, string? testDate, string? symptomDate, DateOnly today)
    {
        if (!TryParseTestType(testType, out var type))
        {
            return Outcome.Fail("testType must be \"confirmed\" or \"likely\".");
        }
        if (!TryParseDate(testDate, today, out var test))
        {
            return Outcome.Fail($"testDate must be a date YYYY-MM-DD within the last {MaxAgeDays} days.");
        }
        DateOnly? symptom = null;
        if (!string.IsNullOrEmpty(symptomDate))
        {
            if (!TryParseDate(symptomDate, today, out var s))
            {
                return Outcome.Fail($"symptomDate must be a date YYYY-MM-DD within the last {MaxAgeDays} days.");
            }
            symptom = s;
        }
        return new Diagnosis(type, test, symptom);
    }

    public static bool TryParseTestType(string? value, out TestType type)
    {
        switch (value)
        {
            case "confirmed":
                type = TestType.Confirmed;
                return true;
            case "likely":
                type = TestType.Likely;
                return true;
            default:
                type = default;
                return false;
        }
    }

    public static string Name(TestType type) => type == TestType.Likely ? "likely" : "confirmed";

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryParseDate(string? value, DateOnly today, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        // One day of slack ahead: a lab in a time zone east of UTC may already be on the next day.
        && date <= today.AddDays(1)
        && date >= today.AddDays(-MaxAgeDays);
}
