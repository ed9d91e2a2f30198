using Gardefou.Keys.Storage;
using Gardefou.Protocol.Export;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Features.Export;

/// <summary>Which keys a batch takes: every key not yet exported in the series whose embargo has ended, and every revision not yet exported.</summary>
public sealed partial class ExportPublisher
{
    private IQueryable<DiagnosisKeyRow> Pending(ExportSeries series, long windowEnd)
    {
        var batch = series.BatchColumn;
        return _db.DiagnosisKeys.Where(k => EF.Property<long?>(k, batch) == null && k.PublishableFrom < windowEnd);
    }

    private IQueryable<DiagnosisKeyRow> PendingRevisions(ExportSeries series)
    {
        var (batch, revisedBatch) = (series.BatchColumn, series.RevisedBatchColumn);
        return _db.DiagnosisKeys.Where(k => k.RevisedReportType != null && EF.Property<long?>(k, revisedBatch) == null && EF.Property<long?>(k, batch) != null);
    }

    private async Task<(List<DiagnosisKey> Keys, List<DiagnosisKey> Revised)> ClaimAsync(ExportSeries series, long batchId, long windowEnd, CancellationToken ct)
    {
        var (batch, revisedBatch) = (series.BatchColumn, series.RevisedBatchColumn);
        // Keys first released in this batch; a key revised before its first release goes out with its revised type.
        await Pending(series, windowEnd).ExecuteUpdateAsync(s => s.SetProperty(k => EF.Property<long?>(k, batch), batchId), ct);
        await PendingRevisions(series).ExecuteUpdateAsync(s => s.SetProperty(k => EF.Property<long?>(k, revisedBatch), batchId), ct);

        var keys = await _db.DiagnosisKeys.AsNoTracking()
            .Where(k => EF.Property<long?>(k, batch) == batchId)
            .Where(k => k.RevisedReportType == null || k.RevisedReportType != (int)ReportType.Revoked)
            .Select(ExportKeyProjection.FromRow)
            .ToListAsync(ct);
        var revised = await _db.DiagnosisKeys.AsNoTracking()
            .Where(k => EF.Property<long?>(k, revisedBatch) == batchId && EF.Property<long?>(k, batch) != batchId)
            .Select(ExportKeyProjection.FromRow)
            .ToListAsync(ct);
        return (keys, revised);
    }
}
