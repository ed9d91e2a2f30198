using Gardefou.Keys.Trust;
using Gardefou.Protocol.Certificates;

namespace Gardefou.Keys.Features.Publish;

/// <summary>Chaff: the same parsing, rules and crypto as a real upload, the same response shape and size, held as long as a real one; nothing stored.</summary>
public sealed partial class PublishService
{
    private async Task<Outcome> ChaffAsync(PublishRequest request, long started, DateTimeOffset now, CancellationToken ct)
    {
        PublishRules.Validate(request, now, out var keys);
        var authority = await _trust.GetAsync(request.HealthAuthorityId ?? HealthAuthorityTrust.DemoAuthority, unknownKey: false, ct)
            ?? await _trust.GetAsync(HealthAuthorityTrust.DemoAuthority, unknownKey: false, ct);
        var secret = DecodeHmacKey(request.HmacKey) ?? new byte[32];
        var macKeys = new TekMacKey[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            macKeys[i] = new TekMacKey(keys[i].Base64, keys[i].RollingStart, keys[i].RollingPeriod, keys[i].TransmissionRisk);
        }
        authority?.Validator.Validate(request.VerificationPayload, secret, macKeys);
        var token = _secrets.Revision.Protect(keys);
        var count = keys.Length > 0 ? keys.Length : Math.Clamp(request.TemporaryExposureKeys?.Count ?? 0, 0, PublishRules.MaxKeys);
        var body = PublishResponseWriter.Write(new PublishResponse { RevisionToken = token, InsertedExposures = count }, null, _options.ResponseSize);
        await _chaff.HoldAsync(started, ct);
        return new Outcome(200, body, false);
    }
}
