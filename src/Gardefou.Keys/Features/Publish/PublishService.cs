using System.Diagnostics;
using Gardefou.Keys.Features.Retention;
using Gardefou.Keys.Storage;
using Gardefou.Keys.Trust;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Export;
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
    private readonly ChaffLatency _chaff;
    private readonly WriteGate _writes;
    private readonly UploadWriter _uploads;
    private readonly TimeProvider _clock;
    private readonly ILogger<PublishService> _logger;

    public PublishService(KeysDbContext db, KeysSecrets secrets, KeysOptions options, HealthAuthorityTrust trust, ChaffLatency chaff, WriteGate writes, UploadWriter uploads, TimeProvider clock, ILogger<PublishService> logger)
    {
        _db = db;
        _secrets = secrets;
        _options = options;
        _trust = trust;
        _chaff = chaff;
        _writes = writes;
        _uploads = uploads;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The outcome of a publish: the HTTP status and the padded body.</summary>
    public sealed record Outcome(int Status, byte[] Body, bool IsProblem);

    /// <summary>Handles one upload; <paramref name="chaff"/> marks a dummy upload that must look real and store nothing.</summary>
    public async Task<Outcome> PublishAsync(PublishRequest request, bool chaff, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = _clock.GetUtcNow();
        if (chaff)
        {
            return await ChaffAsync(request, started, now, ct);
        }
        if (RetentionService.IsSunset(_options, now))
        {
            return Refuse(new PublishError(410, PublishErrorCodes.Sunset, "This service has reached its sunset date and accepts no uploads."));
        }

        var error = PublishRules.Validate(request, now, out var keys);
        if (error is not null)
        {
            return Refuse(error);
        }
        var (certificate, certificateError) = await CheckCertificateAsync(request, keys, ct);
        if (certificateError is not null)
        {
            return Refuse(certificateError);
        }

        var (inserted, revised, storeError) = await StoreAsync(request, keys, certificate!, now, ct);
        if (storeError is not null)
        {
            return Refuse(storeError);
        }
        Log.Published(_logger, inserted, revised, (int)(certificate!.ReportType.ToExportReportType() ?? ReportType.Revoked));
        var token = _secrets.Revision.Protect(keys);
        var body = PublishResponseWriter.Write(new PublishResponse { RevisionToken = token, InsertedExposures = inserted + revised }, null, _options.ResponseSize);
        _chaff.Record(Stopwatch.GetElapsedTime(started));
        return new Outcome(200, body, false);
    }

    private async Task<(VerificationCertificate? Certificate, PublishError? Error)> CheckCertificateAsync(PublishRequest request, SubmittedKey[] keys, CancellationToken ct)
    {
        var authority = await _trust.GetAsync(request.HealthAuthorityId, unknownKey: false, ct);
        if (authority is null)
        {
            return (null, new PublishError(400, PublishErrorCodes.UnknownHealthAuthority, "healthAuthorityID is not a health authority this server trusts."));
        }
        var secret = DecodeHmacKey(request.HmacKey);
        if (secret is null)
        {
            return (null, new PublishError(400, PublishErrorCodes.CertificateInvalid, "hmacKey must be standard base64 of 16 to 64 bytes."));
        }
        var macKeys = new TekMacKey[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            macKeys[i] = new TekMacKey(keys[i].Base64, keys[i].RollingStart, keys[i].RollingPeriod, keys[i].TransmissionRisk);
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
            return (null, new PublishError(400, PublishErrorCodes.CertificateInvalid, $"The verification certificate is not valid ({result.Error}): {result.Message}"));
        }
        return (result.Certificate, null);
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

    private Outcome Refuse(PublishError error)
    {
        Log.PublishRefused(_logger, error.Code);
        return new Outcome(error.Status, PublishResponseWriter.Write(new PublishResponse(), error, _options.ResponseSize), true);
    }
}
