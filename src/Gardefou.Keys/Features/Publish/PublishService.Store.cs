using Gardefou.Keys.Storage;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Time;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Features.Publish;

/// <summary>Storage of an accepted upload: anonymous rows, hour-truncated times, embargo of still-valid keys, revisions.</summary>
public sealed partial class PublishService
{
    /// <summary>A key still valid at upload is held back until this long after its end.</summary>
    public static readonly TimeSpan Embargo = TimeSpan.FromHours(2);

    private const int MaxDaysSinceOnset = 14;

    private static readonly PublishError s_alreadyPublished = new(400, PublishErrorCodes.MissingRevisionToken,
        "Some of these keys were already published; only the revisionToken of that upload can change them.");

    private static readonly PublishError s_storageFailed = new(503, PublishErrorCodes.InternalError,
        "The keys could not be stored and none of them was published; retry later.");

    private async Task<(int Inserted, int Revised, PublishError? Error)> StoreAsync(
        PublishRequest request, SubmittedKey[] keys, VerificationCertificate certificate, DateTimeOffset now, CancellationToken ct)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var createdHour = nowSeconds / 3600 * 3600;
        var type = certificate.ReportType;
        var exportType = type.ToExportReportType();
        int? onset = certificate.SymptomOnsetInterval?.Value ?? PlausibleOnset(request.SymptomOnsetInterval, now);
        var byKey = new Dictionary<string, RevisableKey>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(request.RevisionToken))
        {
            if (!_secrets.Revision.TryUnprotect(request.RevisionToken, out var revisable))
            {
                return (0, 0, new PublishError(400, PublishErrorCodes.InvalidRevisionToken, "revisionToken was not issued by this server."));
            }
            foreach (var entry in revisable)
            {
                byKey[entry.Key.ToBase64()] = entry;
            }
        }

        if (byKey.Count == 0)
        {
            // The common case, a first upload: straight to the group-commit writer, no change tracking.
            if (exportType is not { } reportType)
            {
                // Keys certified negative are never published.
                return (0, 0, null);
            }
            var rows = NewRows(request, keys, type, reportType, onset, nowSeconds, createdHour);
            var stored = await _uploads.StoreAsync(rows);
            return stored switch
            {
                UploadStoreResult.Stored => (rows.Length, 0, null),
                UploadStoreResult.Duplicate => (0, 0, s_alreadyPublished),
                _ => (0, 0, s_storageFailed),
            };
        }
        return await ReviseAsync(request, keys, byKey, type, exportType, onset, nowSeconds, createdHour, ct);
    }

    private async Task<(int Inserted, int Revised, PublishError? Error)> ReviseAsync(PublishRequest request, SubmittedKey[] keys, Dictionary<string, RevisableKey> byKey,
        CertificateReportType type, ReportType? exportType, int? onset, long nowSeconds, long createdHour, CancellationToken ct)
    {
        var inserted = 0;
        var revised = 0;
        foreach (var key in keys)
        {
            var existing = await _db.DiagnosisKeys.FindAsync([key.Key.ToArray()], ct);
            if (existing is not null)
            {
                var error = Revise(existing, key, byKey, type, createdHour);
                if (error is not null)
                {
                    return (0, 0, error);
                }
                revised++;
                continue;
            }
            if (exportType is not { } reportType)
            {
                // Keys certified negative are never published.
                continue;
            }
            _db.DiagnosisKeys.Add(NewRow(request, key, type, reportType, onset, nowSeconds, createdHour));
            inserted++;
        }

        try
        {
            using (await _writes.EnterAsync(ct))
            {
                await _db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateException exception) when (StorageErrors.IsDuplicateKey(exception))
        {
            _db.ChangeTracker.Clear();
            return (0, 0, s_alreadyPublished);
        }
        return (inserted, revised, null);
    }

    private static DiagnosisKeyRow[] NewRows(PublishRequest request, SubmittedKey[] keys, CertificateReportType type, ReportType reportType, int? onset, long nowSeconds, long createdHour)
    {
        var rows = new DiagnosisKeyRow[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            rows[i] = NewRow(request, keys[i], type, reportType, onset, nowSeconds, createdHour);
        }
        return rows;
    }

    private static DiagnosisKeyRow NewRow(PublishRequest request, SubmittedKey key, CertificateReportType type, ReportType reportType, int? onset, long nowSeconds, long createdHour)
    {
        var endSeconds = (long)key.End * EnIntervalNumber.SecondsPerInterval;
        return new DiagnosisKeyRow
        {
            KeyData = key.Key.ToArray(),
            RollingStart = key.RollingStart,
            RollingPeriod = key.RollingPeriod,
            TransmissionRisk = key.TransmissionRisk != 0 ? key.TransmissionRisk : type.DefaultTransmissionRisk(),
            ReportType = (int)reportType,
            DaysSinceOnset = DaysSinceOnset(key.RollingStart, onset),
            Traveler = request.Traveler ?? false,
            CreatedHour = createdHour,
            PublishableFrom = endSeconds > nowSeconds ? endSeconds + (long)Embargo.TotalSeconds : createdHour,
        };
    }

    private static PublishError? Revise(DiagnosisKeyRow existing, SubmittedKey key, Dictionary<string, RevisableKey> token, CertificateReportType type, long revisedHour)
    {
        if (!token.TryGetValue(key.Key.ToBase64(), out var listed) || listed.RollingStart != existing.RollingStart || listed.RollingPeriod != existing.RollingPeriod
            || key.RollingStart != existing.RollingStart || key.RollingPeriod != existing.RollingPeriod)
        {
            return new PublishError(400, PublishErrorCodes.InvalidRevisionToken, "The revisionToken does not cover these keys as they were published.");
        }
        if (existing.RevisedReportType is not null)
        {
            return new PublishError(400, PublishErrorCodes.KeyAlreadyRevised, "These keys were already revised.");
        }
        // Only a likely diagnosis can change: confirmed by a test, or withdrawn by a negative one.
        ReportType? next = type switch
        {
            CertificateReportType.Confirmed => ReportType.ConfirmedTest,
            CertificateReportType.Negative => ReportType.Revoked,
            _ => null,
        };
        if (existing.ReportType != (int)ReportType.ConfirmedClinicalDiagnosis || next is null)
        {
            return new PublishError(400, PublishErrorCodes.InvalidReportTypeTransition, "Only likely keys can be revised, to confirmed or revoked.");
        }
        existing.RevisedReportType = (int)next.Value;
        existing.RevisedHour = revisedHour;
        return null;
    }

    /// <summary>Whole UTC days from onset to the key's day, or null when unknown or beyond ±14 days.</summary>
    private static int? DaysSinceOnset(int rollingStart, int? onset)
    {
        if (onset is not { } onsetInterval)
        {
            return null;
        }
        var days = (rollingStart / EnIntervalNumber.IntervalsPerDay) - (onsetInterval / EnIntervalNumber.IntervalsPerDay);
        return Math.Abs(days) <= MaxDaysSinceOnset ? days : null;
    }

    /// <summary>The client's onset when it is within the last 28 days and not in the future; otherwise unknown.</summary>
    private static int? PlausibleOnset(int? interval, DateTimeOffset now)
    {
        if (interval is not { } value || value < 0)
        {
            return null;
        }
        var current = EnIntervalNumber.FromTime(now).Value;
        return value <= current && value >= current - (28 * EnIntervalNumber.IntervalsPerDay) ? value : null;
    }
}
