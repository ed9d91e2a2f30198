using System.Security.Cryptography;
using Gardefou.Keys.Features.Publish;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Tests.Support;

/// <summary>Builds GAEN publish requests the way a phone does: daily keys of the last days, a fresh HMAC secret, a certificate bound to exactly those keys.</summary>
internal static class Uploads
{
    /// <summary><paramref name="days"/> full-day keys ending yesterday (relative to <paramref name="now"/>).</summary>
    public static List<ExposureKeyJson> DailyKeys(DateTimeOffset now, int days, int transmissionRisk = 0)
    {
        var today = EnIntervalNumber.FromTime(now).DayStart.Value;
        var keys = new List<ExposureKeyJson>();
        for (var day = days; day >= 1; day--)
        {
            keys.Add(new ExposureKeyJson
            {
                Key = TemporaryExposureKey.Generate().ToBase64(),
                RollingStartNumber = today - (day * EnIntervalNumber.IntervalsPerDay),
                RollingPeriod = EnIntervalNumber.IntervalsPerDay,
                TransmissionRisk = transmissionRisk,
            });
        }
        return keys;
    }

    /// <summary>A request for <paramref name="keys"/> with a certificate of <paramref name="type"/> bound to them.</summary>
    public static PublishRequest Signed(CertificateIssuer issuer, IReadOnlyList<ExposureKeyJson> keys, CertificateReportType type = CertificateReportType.Confirmed, string? revisionToken = null, EnIntervalNumber? certifiedOnset = null)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var mac = TekMac.Compute(secret, keys.Select(k => new TekMacKey(k.Key!, k.RollingStartNumber, k.RollingPeriod, k.TransmissionRisk)));
        return new PublishRequest
        {
            TemporaryExposureKeys = keys,
            HealthAuthorityId = "demo",
            VerificationPayload = issuer.Issue(type, certifiedOnset, mac),
            HmacKey = Convert.ToBase64String(secret),
            RevisionToken = revisionToken,
            Padding = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1024)),
        };
    }
}
