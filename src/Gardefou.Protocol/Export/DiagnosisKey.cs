using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Export;

/// <summary>
/// A Temporary Exposure Key published after a positive diagnosis, with what the export file says about it.
/// </summary>
/// <remarks>
/// The constructor enforces the ranges of the export format so that a key that could not be written or read
/// cannot be built: transmission risk 0..8, a defined report type, days since onset -14..14.
/// </remarks>
public readonly record struct DiagnosisKey
{
    /// <summary>Highest transmission risk level of the format.</summary>
    public const int MaxTransmissionRiskLevel = 8;

    /// <summary>Largest magnitude of days since symptom onset that GAEN accepts.</summary>
    public const int MaxDaysSinceOnset = 14;

    /// <summary>Creates a diagnosis key; out-of-range values throw <see cref="ArgumentOutOfRangeException"/>.</summary>
    public DiagnosisKey(
        TemporaryExposureKey key,
        KeyValidity validity,
        int transmissionRiskLevel = 0,
        ReportType? reportType = null,
        int? daysSinceOnsetOfSymptoms = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(validity.RollingPeriod, 1, nameof(validity));
        ArgumentOutOfRangeException.ThrowIfNegative(transmissionRiskLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(transmissionRiskLevel, MaxTransmissionRiskLevel);
        if (reportType is { } type && !Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(reportType), type, "Unknown report type.");
        }
        if (daysSinceOnsetOfSymptoms is { } days && Math.Abs(days) > MaxDaysSinceOnset)
        {
            throw new ArgumentOutOfRangeException(nameof(daysSinceOnsetOfSymptoms), days, $"Days since onset must be within ±{MaxDaysSinceOnset}.");
        }
        Key = key;
        Validity = validity;
        TransmissionRiskLevel = transmissionRiskLevel;
        ReportType = reportType;
        DaysSinceOnsetOfSymptoms = daysSinceOnsetOfSymptoms;
    }

    /// <summary>The published key.</summary>
    public TemporaryExposureKey Key { get; }

    /// <summary>When the key was in use.</summary>
    public KeyValidity Validity { get; }

    /// <summary>Transmission risk level 0..8 (deprecated by GAEN v1.5 in favour of report type, still written).</summary>
    public int TransmissionRiskLevel { get; }

    /// <summary>Report type, or null when the file does not carry one.</summary>
    public ReportType? ReportType { get; }

    /// <summary>Days from symptom onset to the key's day (-14..14), or null when unknown.</summary>
    public int? DaysSinceOnsetOfSymptoms { get; }
}
