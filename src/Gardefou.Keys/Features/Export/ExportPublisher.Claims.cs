using Gardefou.Keys.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Features.Export;

/// <summary>Which keys a batch takes: every key not yet exported in the series whose embargo has ended, and every revision not yet exported.</summary>
public sealed partial class ExportPublisher
{
    private const int RevokedReportType = 5;

    private IQueryable<DiagnosisKeyRow> Pending(bool daily, long windowEnd) => daily
        ? _db.DiagnosisKeys.Where(k => k.DailyBatchId == null && k.PublishableFrom < windowEnd)
        : _db.DiagnosisKeys.Where(k => k.PeriodBatchId == null && k.PublishableFrom < windowEnd);

    private IQueryable<DiagnosisKeyRow> PendingRevisions(bool daily) => daily
        ? _db.DiagnosisKeys.Where(k => k.RevisedReportType != null && k.RevisedDailyBatchId == null && k.DailyBatchId != null)
        : _db.DiagnosisKeys.Where(k => k.RevisedReportType != null && k.RevisedPeriodBatchId == null && k.PeriodBatchId != null);

    private async Task<(List<ExportKey> Keys, List<ExportKey> Revised)> ClaimAsync(bool daily, long batchId, long windowEnd, CancellationToken ct)
    {
        // Keys first released in this batch; a key revised before its first release goes out with its revised type.
        if (daily)
        {
            await Pending(true, windowEnd).ExecuteUpdateAsync(s => s.SetProperty(k => k.DailyBatchId, batchId), ct);
            await PendingRevisions(true).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevisedDailyBatchId, batchId), ct);
        }
        else
        {
            await Pending(false, windowEnd).ExecuteUpdateAsync(s => s.SetProperty(k => k.PeriodBatchId, batchId), ct);
            await PendingRevisions(false).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevisedPeriodBatchId, batchId), ct);
        }

        var first = daily
            ? _db.DiagnosisKeys.Where(k => k.DailyBatchId == batchId)
            : _db.DiagnosisKeys.Where(k => k.PeriodBatchId == batchId);
        var keys = await first.AsNoTracking()
            .Where(k => k.RevisedReportType == null || k.RevisedReportType != RevokedReportType)
            .Select(k => new ExportKey(k.KeyData, k.RollingStart, k.RollingPeriod, k.TransmissionRisk, k.RevisedReportType ?? k.ReportType, k.DaysSinceOnset))
            .ToListAsync(ct);

        var revisedQuery = daily
            ? _db.DiagnosisKeys.Where(k => k.RevisedDailyBatchId == batchId && k.DailyBatchId != batchId)
            : _db.DiagnosisKeys.Where(k => k.RevisedPeriodBatchId == batchId && k.PeriodBatchId != batchId);
        var revised = await revisedQuery.AsNoTracking()
            .Select(k => new ExportKey(k.KeyData, k.RollingStart, k.RollingPeriod, k.TransmissionRisk, k.RevisedReportType ?? k.ReportType, k.DaysSinceOnset))
            .ToListAsync(ct);
        return (keys, revised);
    }
}
