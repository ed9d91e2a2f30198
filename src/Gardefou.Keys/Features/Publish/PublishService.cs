using System.Diagnostics;
using Gardefou.Hosting.Timing;
using Gardefou.Keys.Features.Retention;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Trust;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Time;
using Microsoft.Extensions.Logging;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Accepts an upload: structural rules, the certificate (signature, audience, expiry, TEK HMAC of exactly these
/// keys), then storage of anonymous rows or a revision. Chaff goes through the same parsing and crypto and is
/// held as long as a real upload, then answered with a response of the same shape and size; it stores nothing.
/// </summary>
public sealed partial class PublishService
{
    private readonly KeysDbContext _db;
    private readonly KeysSecrets _secrets;
    private readonly KeysOptions _options;
    private readonly HealthAuthorityTrust _trust;
    private readonly ResponseTiming _chaff;
    private readonly UploadWriter _uploads;
    private readonly TimeProvider _clock;
    private readonly ILogger<PublishService> _logger;

    public PublishService(KeysDbContext db, KeysSecrets secrets, KeysOptions options, HealthAuthorityTrust trust, ResponseTiming chaff, UploadWriter uploads, TimeProvider clock, ILogger<PublishService> logger)
    {
        _db = db;
        _secrets = secrets;
        _options = options;
        _trust = trust;
        _chaff = chaff;
        _uploads = uploads;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The outcome of a publish: the HTTP status and the padded body.</summary>
    public sealed record Outcome(int Status, byte[] Body, bool IsProblem);

    /// <summary>Handles one upload; <paramref name="chaff"/> marks a dummy upload whose content is ignored.</summary>
    public Task<Outcome> PublishAsync(PublishRequest request, bool chaff, CancellationToken ct) =>
        chaff ? ChaffAsync(Stopwatch.GetTimestamp(), ct) : PublishAsync(request, Stopwatch.GetTimestamp(), ct);

    /// <summary>
    /// Handles one real upload that arrived at <paramref name="started"/>, in the GAEN key server's order: health
    /// authority (401 <c>unknown_health_authority_id</c>), certificate (401
    /// <c>health_authority_verification_certificate_invalid</c>), keys (400 <c>bad_request</c>), then storage.
    /// </summary>
    internal async Task<Outcome> PublishAsync(PublishRequest request, long started, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (RetentionService.IsSunset(_options, now))
        {
            return Refuse(new PublishError(410, PublishErrorCodes.Sunset, "This service has reached its sunset date and accepts no uploads."));
        }

        if (!(await CheckCertificateAsync(request, ct)).TryGetValue(out var certificate, out var certificateError))
        {
            return Refuse(certificateError);
        }
        if (!PublishRules.Validate(request, now).TryGetValue(out var keys, out var error))
        {
            return Refuse(error);
        }

        // A key that ended before the retention window would be deleted before any export: never acknowledge it as
        // stored. As Google's key server for keys it cannot take, the others are saved and the answer says
        // partial_failure; when none is left the upload is refused.
        var retained = EnIntervalNumber.FromTime(now - _options.EffectiveRetention).Value;
        var stale = keys.Where(k => k.End < retained).Select(k => k.Index).Order().ToList();
        if (stale.Count == keys.Length)
        {
            return Refuse(PublishError.BadRequest($"every key ended more than {_options.EffectiveRetention.TotalDays:0.#} days ago and would never be exported"));
        }
        if (stale.Count > 0)
        {
            keys = [.. keys.Where(k => k.End >= retained)];
        }

        if (!(await StoreAsync(request, keys, certificate!, now, ct)).TryGetValue(out var stored, out var storeError))
        {
            return Refuse(storeError);
        }
        // Nothing is logged per accepted upload: the database keeps hour-truncated rows only, a log line would keep
        // the second (and chaff, which is never logged, would stand out beside it).
        var token = stored.Kept.Length > 0 ? _secrets.Revision.Protect(stored.Kept) : null;
        var warnings = stored.Dropped.Count > 0
            ? new[] { $"key {string.Join(", ", stored.Dropped)} symptom onset is too large, more than {SymptomOnset.MaxDaysSinceOnset} days - saving without {(stored.Dropped.Count == 1 ? "this key" : "these keys")}" }
            : null;
        var response = new PublishResponse { RevisionToken = token, InsertedExposures = stored.Inserted + stored.Revised, Warnings = warnings };
        if (stale.Count > 0)
        {
            response = response with
            {
                Code = PublishErrorCodes.PartialFailure,
                Error = $"key {string.Join(", ", stale)} ended more than {_options.EffectiveRetention.TotalDays:0.#} days ago and would never be exported - saving without {(stale.Count == 1 ? "this key" : "these keys")}",
            };
        }
        var body = PublishResponseWriter.Write(response, null, _options.ResponseSize);
        _chaff.Record(Stopwatch.GetElapsedTime(started));
        return new Outcome(200, body, false);
    }

    private async Task<Outcome<VerificationCertificate, PublishError>> CheckCertificateAsync(PublishRequest request, CancellationToken ct)
    {
        var authority = await _trust.GetAsync(request.HealthAuthorityId, unknownKey: false, ct);
        if (authority is null)
        {
            return Hosting.Results.Outcome.Fail(new PublishError(401, PublishErrorCodes.UnknownHealthAuthority, "unauthorized health authority: healthAuthorityID is not one this server trusts"));
        }
        var secret = DecodeHmacKey(request.HmacKey);
        if (secret is null)
        {
            return Hosting.Results.Outcome.Fail(new PublishError(401, PublishErrorCodes.CertificateInvalid, "unable to validate diagnosis verification: hmacKey must be standard base64 of 16 to 64 bytes"));
        }
        // The HMAC covers the keys exactly as the client wrote them, before any rule is applied (as Google's verifier).
        var submitted = request.TemporaryExposureKeys ?? [];
        var macKeys = new TekMacKey[submitted.Count];
        for (var i = 0; i < submitted.Count; i++)
        {
            var key = submitted[i];
            macKeys[i] = new TekMacKey(key.Key ?? "", key.RollingStartNumber, key.RollingPeriod, key.TransmissionRisk);
        }
        var result = authority.Validator.Validate(request.VerificationPayload, secret, macKeys);
        if (result.Error == CertificateValidationError.UnknownKey && authority.KeysUrl is not null)
        {
            // The verification server may have rotated its key since we last fetched the set.
            authority = await _trust.GetAsync(request.HealthAuthorityId, unknownKey: true, ct);
            result = authority!.Validator.Validate(request.VerificationPayload, secret, macKeys);
        }
        if (!result.IsValid)
        {
            return Hosting.Results.Outcome.Fail(new PublishError(401, PublishErrorCodes.CertificateInvalid, $"unable to validate diagnosis verification: {result.Error}: {result.Message}"));
        }
        return result.Certificate!;
    }

    private static byte[]? DecodeHmacKey(string? hmacKey)
    {
        if (hmacKey is null || hmacKey.Length > 128)
        {
            return null;
        }
        var buffer = new byte[96];
        return Convert.TryFromBase64String(hmacKey, buffer, out var written) && written is >= 16 and <= 64 ? buffer[..written] : null;
    }

    /// <summary>The padded answer to a refused upload.</summary>
    internal Outcome Refuse(PublishError error)
    {
        // Not logged: a refusal is a request the database never sees, and its time and code would single it out.
        return new Outcome(error.Status, PublishResponseWriter.Write(new PublishResponse(), error, _options.ResponseSize), true);
    }
}
