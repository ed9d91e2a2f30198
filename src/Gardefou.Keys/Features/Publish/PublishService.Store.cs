using Gardefou.Keys.Storage;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gardefou.Keys.Features.Publish;

/// <summary>Storage of an accepted upload: anonymous rows, hour-truncated times, embargo of still-valid keys, revisions.</summary>
public sealed partial class PublishService
{
    /// <summary>A key still valid at upload is held back until this long after its end.</summary>
    public static readonly TimeSpan Embargo = TimeSpan.FromHours(2);

    private const int MaxDaysSinceOnset = 14;

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

        var inserted = 0;
        var revised = 0;
        foreach (var key in keys)
        {
            var existing = byKey.Count == 0 ? null : await _db.DiagnosisKeys.FindAsync([key.Key.ToArray()], ct);
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
            var endSeconds = (long)key.End * EnIntervalNumber.SecondsPerInterval;
            _db.DiagnosisKeys.Add(new DiagnosisKeyRow
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
            });
            inserted++;
        }

        try
        {
            using (await _writes.EnterAsync(ct))
            {
                await _db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateException exception) when (IsDuplicateKey(exception))
        {
            _db.ChangeTracker.Clear();
            return (0, 0, new PublishError(400, PublishErrorCodes.MissingRevisionToken,
                "Some of these keys were already published; only the revisionToken of that upload can change them."));
        }
        return (inserted, revised, null);
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

    private static bool IsDuplicateKey(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
