using System.Linq.Expressions;
using Gardefou.Keys.Storage;

namespace Gardefou.Keys.Features.Export;

/// <summary>The columns of a stored key that an export file needs (a projection, so a million keys load without change tracking).</summary>
public readonly record struct ExportKey(byte[] KeyData, int RollingStart, int RollingPeriod, int TransmissionRisk, int ReportType, int? DaysSinceOnset)
{
    /// <summary>The projection from a stored row, translated to SQL: a revised key goes out with its revised report type.</summary>
    public static readonly Expression<Func<DiagnosisKeyRow, ExportKey>> FromRow = k =>
        new ExportKey(k.KeyData, k.RollingStart, k.RollingPeriod, k.TransmissionRisk, k.RevisedReportType ?? k.ReportType, k.DaysSinceOnset);
}
