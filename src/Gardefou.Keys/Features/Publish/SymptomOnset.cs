using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Days since symptom onset, by the GAEN key server's rule (internal/publish/model/exposure_model.go TransformPublish,
/// defaults from internal/publish/config.go): the publish request's <c>symptomOnsetInterval</c> if it lies in the
/// last 28 days (from UTC midnight 28 days ago, strictly before the current interval), else the certificate's under
/// the same test, else 4 days before the upload. Days are counted between UTC midnights; a key more than 14 days
/// from the onset is not stored (a warning tells the client).
/// </summary>
public static class SymptomOnset
{
    /// <summary>How far back an onset may lie to be used (Google's MAX_VALID_SYMPTOM_ONSET_REPORT_DAYS).</summary>
    public const int MaxReportDays = 28;

    /// <summary>The assumed onset when none is usable, in days before the upload (Google's DEFAULT_SYMPTOM_ONSET_DAYS_AGO).</summary>
    public const int DefaultDaysAgo = 4;

    /// <summary>Largest |days since onset| a stored key may have (Google's MAX_SYMPTOM_ONSET_DAYS).</summary>
    public const int MaxDaysSinceOnset = 14;

    /// <summary>The onset interval used for an upload at <paramref name="now"/>.</summary>
    public static int Choose(int? published, int? certified, DateTimeOffset now)
    {
        var current = EnIntervalNumber.FromTime(now).Value;
        var earliest = EnIntervalNumber.FromTime(now.UtcDateTime.Date.AddDays(-MaxReportDays)).Value;
        var onset = 0;
        if (published is { } p && p < current && p >= earliest)
        {
            onset = p;
        }
        else if (certified is { } c && c < current && c >= earliest)
        {
            onset = c;
        }
        if (onset == 0 || Math.Abs(DaysBetween(onset, current)) > MaxReportDays)
        {
            onset = EnIntervalNumber.FromTime(now - TimeSpan.FromDays(DefaultDaysAgo)).Value;
        }
        return onset;
    }

    /// <summary>Whole days from the UTC midnight of <paramref name="from"/> to that of <paramref name="to"/>.</summary>
    public static int DaysBetween(int from, int to) =>
        (to / EnIntervalNumber.IntervalsPerDay) - (from / EnIntervalNumber.IntervalsPerDay);

    /// <summary>Days from <paramref name="onset"/> to the key's day, or null when the key is too far from it to be stored.</summary>
    public static int? DaysSinceOnset(int rollingStart, int onset)
    {
        var days = DaysBetween(onset, rollingStart);
        return Math.Abs(days) <= MaxDaysSinceOnset ? days : null;
    }
}
