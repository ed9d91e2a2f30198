using System.Linq.Expressions;
using Gardefou.Keys.Storage;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// The one conversion from a stored key to the export record: the query reads only the columns an export needs (no
/// change tracking, so a million keys load cheaply) and builds the protocol's <see cref="DiagnosisKey"/> directly.
/// </summary>
internal static class ExportKeyProjection
{
    /// <summary>Stored row to export record; a revised key goes out with its revised report type.</summary>
    public static readonly Expression<Func<DiagnosisKeyRow, DiagnosisKey>> FromRow = k =>
        Create(k.KeyData, k.RollingStart, k.RollingPeriod, k.TransmissionRisk, k.RevisedReportType ?? k.ReportType, k.DaysSinceOnset);

    private static DiagnosisKey Create(byte[] key, int rollingStart, int rollingPeriod, int transmissionRisk, int reportType, int? daysSinceOnset) => new(
        TemporaryExposureKey.FromBytes(key),
        new KeyValidity(new EnIntervalNumber(rollingStart), rollingPeriod),
        transmissionRisk,
        (ReportType)reportType,
        daysSinceOnset);
}
