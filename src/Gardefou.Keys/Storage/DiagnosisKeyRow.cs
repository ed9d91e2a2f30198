namespace Gardefou.Keys.Storage;

/// <summary>
/// One published diagnosis key. Holds nothing about the uploader: no address, no user agent, and its
/// creation time only to the hour. Times are Unix seconds (UTC), which every provider compares natively.
/// </summary>
public sealed class DiagnosisKeyRow
{
    /// <summary>The 16 key bytes; the primary key, so a key is stored once.</summary>
    public byte[] KeyData { get; set; } = [];

    public int RollingStart { get; set; }

    public int RollingPeriod { get; set; }

    public int TransmissionRisk { get; set; }

    /// <summary>GAEN report type (protocol enum value) at first publication.</summary>
    public int ReportType { get; set; }

    public int? DaysSinceOnset { get; set; }

    public bool Traveler { get; set; }

    /// <summary>Publication time truncated to the hour (Unix seconds).</summary>
    public long CreatedHour { get; set; }

    /// <summary>Earliest time the key may appear in an export: its publication hour, or 2 h after the key's end when it was still valid.</summary>
    public long PublishableFrom { get; set; }

    /// <summary>Export batch of the main series that first carried this key; null while not exported.</summary>
    public long? PeriodBatchId { get; set; }

    /// <summary>Daily export batch that first carried this key; null while not exported.</summary>
    public long? DailyBatchId { get; set; }

    /// <summary>Report type after a revision (confirmed or revoked); null when never revised.</summary>
    public int? RevisedReportType { get; set; }

    /// <summary>Revision time truncated to the hour (Unix seconds).</summary>
    public long? RevisedHour { get; set; }

    public long? RevisedPeriodBatchId { get; set; }

    public long? RevisedDailyBatchId { get; set; }
}
