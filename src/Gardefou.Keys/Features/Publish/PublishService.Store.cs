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

    private static readonly PublishError s_alreadyPublished = new(400, PublishErrorCodes.MissingRevisionToken,
        "Some of these keys were already published; only the revisionToken of that upload can change them.");

    private static readonly PublishError s_alreadyRevised = new(400, PublishErrorCodes.KeyAlreadyRevised, "These keys were already revised.");

    private static readonly PublishError s_storageFailed = new(503, PublishErrorCodes.InternalError,
        "The keys could not be stored and none of them was published; retry later.");

    /// <summary>What storing an upload did: counts, the keys kept (for the revision token), the request indexes of keys dropped for their onset.</summary>
    private sealed record StoredUpload(int Inserted, int Revised, SubmittedKey[] Kept, List<int> Dropped);

    private async Task<Outcome<StoredUpload, PublishError>> StoreAsync(
        PublishRequest request, SubmittedKey[] submitted, VerificationCertificate certificate, DateTimeOffset now, CancellationToken ct)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var createdHour = nowSeconds / 3600 * 3600;
        var type = certificate.ReportType;
        var exportType = type.ToExportReportType();
        var onset = SymptomOnset.Choose(request.SymptomOnsetInterval, certificate.SymptomOnsetInterval?.Value, now);
        // As Google: a key too far from the onset is not stored, and the answer says so in a warning.
        var dropped = new List<int>();
        var kept = new List<SubmittedKey>(submitted.Length);
        foreach (var key in submitted)
        {
            if (SymptomOnset.DaysSinceOnset(key.RollingStart, onset) is null)
            {
                dropped.Add(key.Index);
            }
            else
            {
                kept.Add(key);
            }
        }
        dropped.Sort();
        var keys = kept.ToArray();
        var byKey = new Dictionary<string, RevisableKey>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(request.RevisionToken))
        {
            if (!_secrets.Revision.TryUnprotect(request.RevisionToken, out var revisable))
            {
                return Hosting.Results.Outcome.Fail(new PublishError(400, PublishErrorCodes.InvalidRevisionToken, "revisionToken was not issued by this server."));
            }
            foreach (var entry in revisable)
            {
                byKey[entry.Key.ToBase64()] = entry;
            }
        }

        if (byKey.Count == 0)
        {
            // The common case, a first upload: straight to the group-commit writer, no change tracking.
            if (exportType is not { } reportType || keys.Length == 0)
            {
                // Keys certified negative are never published.
                return new StoredUpload(0, 0, [], dropped);
            }
            var rows = NewRows(request, keys, type, reportType, onset, nowSeconds, createdHour, _options.DebugReleaseSameDayKeys);
            var stored = await _uploads.StoreAsync(rows);
            return stored switch
            {
                UploadStoreResult.Stored => new StoredUpload(rows.Length, 0, keys, dropped),
                UploadStoreResult.Duplicate => Hosting.Results.Outcome.Fail(s_alreadyPublished),
                _ => Hosting.Results.Outcome.Fail(s_storageFailed),
            };
        }
        if (!(await ReviseAsync(request, keys, byKey, type, exportType, onset, nowSeconds, createdHour, ct)).TryGetValue(out var counts, out var error))
        {
            return Hosting.Results.Outcome.Fail(error);
        }
        return new StoredUpload(counts.Inserted, counts.Revised, keys, dropped);
    }

    /// <summary>
    /// A request with a revision token: keys already stored are revised (the token must list them), new keys are added.
    /// Both go to the group-commit writer as one unit, so the keys a revision adds are written like any other upload's
    /// (random order, random SQLite rowids) and the revision and the added keys commit together or not at all.
    /// </summary>
    private async Task<Outcome<(int Inserted, int Revised), PublishError>> ReviseAsync(PublishRequest request, SubmittedKey[] keys, Dictionary<string, RevisableKey> byKey,
        CertificateReportType type, ReportType? exportType, int onset, long nowSeconds, long createdHour, CancellationToken ct)
    {
        var rows = new List<DiagnosisKeyRow>(keys.Length);
        var revisions = new List<KeyRevision>(keys.Length);
        foreach (var key in keys)
        {
            var data = key.Key.ToArray();
            var existing = await _db.DiagnosisKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyData == data, ct);
            if (existing is not null)
            {
                if (!Revision(existing, key, byKey, type, createdHour).TryGetValue(out var revision, out var error))
                {
                    return Hosting.Results.Outcome.Fail(error);
                }
                revisions.Add(revision);
                continue;
            }
            if (exportType is not { } reportType)
            {
                // Keys certified negative are never published.
                continue;
            }
            rows.Add(NewRow(request, key, type, reportType, onset, nowSeconds, createdHour, _options.DebugReleaseSameDayKeys));
        }
        if (rows.Count == 0 && revisions.Count == 0)
        {
            return (0, 0);
        }
        return await _uploads.StoreAsync([.. rows], revisions) switch
        {
            UploadStoreResult.Stored => (rows.Count, revisions.Count),
            UploadStoreResult.Duplicate => Hosting.Results.Outcome.Fail(s_alreadyPublished),
            UploadStoreResult.RevisionConflict => Hosting.Results.Outcome.Fail(s_alreadyRevised),
            _ => Hosting.Results.Outcome.Fail(s_storageFailed),
        };
    }

    private static DiagnosisKeyRow[] NewRows(PublishRequest request, SubmittedKey[] keys, CertificateReportType type, ReportType reportType, int onset, long nowSeconds, long createdHour, bool releaseSameDay)
    {
        var rows = new DiagnosisKeyRow[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            rows[i] = NewRow(request, keys[i], type, reportType, onset, nowSeconds, createdHour, releaseSameDay);
        }
        return rows;
    }

    private static DiagnosisKeyRow NewRow(PublishRequest request, SubmittedKey key, CertificateReportType type, ReportType reportType, int onset, long nowSeconds, long createdHour, bool releaseSameDay)
    {
        var endSeconds = (long)key.End * EnIntervalNumber.SecondsPerInterval;
        return new DiagnosisKeyRow
        {
            KeyData = key.Key.ToArray(),
            RollingStart = key.RollingStart,
            RollingPeriod = key.RollingPeriod,
            TransmissionRisk = key.TransmissionRisk != 0 ? key.TransmissionRisk : type.DefaultTransmissionRisk(),
            ReportType = (int)reportType,
            DaysSinceOnset = SymptomOnset.DaysSinceOnset(key.RollingStart, onset),
            Traveler = request.Traveler ?? false,
            CreatedHour = createdHour,
            PublishableFrom = endSeconds > nowSeconds && !releaseSameDay ? endSeconds + (long)Embargo.TotalSeconds : createdHour,
        };
    }

    /// <summary>The revision of <paramref name="existing"/> this upload asks for (the writer applies it), or why it may not.</summary>
    private static Outcome<KeyRevision, PublishError> Revision(DiagnosisKeyRow existing, SubmittedKey key, Dictionary<string, RevisableKey> token, CertificateReportType type, long revisedHour)
    {
        if (!token.TryGetValue(key.Key.ToBase64(), out var listed) || listed.RollingStart != existing.RollingStart || listed.RollingPeriod != existing.RollingPeriod
            || key.RollingStart != existing.RollingStart || key.RollingPeriod != existing.RollingPeriod)
        {
            return Hosting.Results.Outcome.Fail(new PublishError(400, PublishErrorCodes.InvalidRevisionToken, "The revisionToken does not cover these keys as they were published."));
        }
        if (existing.RevisedReportType is not null)
        {
            return Hosting.Results.Outcome.Fail(s_alreadyRevised);
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
            return Hosting.Results.Outcome.Fail(new PublishError(400, PublishErrorCodes.InvalidReportTypeTransition, "Only likely keys can be revised, to confirmed or revoked."));
        }
        // The writer changes the row only if it is still likely and unrevised: of two revisions racing, one wins.
        return new KeyRevision(existing.KeyData, existing.RollingStart, existing.RollingPeriod, existing.ReportType, (int)next.Value, revisedHour);
    }
}
