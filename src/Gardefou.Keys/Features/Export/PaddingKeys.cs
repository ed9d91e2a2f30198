using System.Security.Cryptography;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// Random keys that pad an export file, with metadata drawn from a fixed, published distribution (docs/backend.md,
/// "Padding keys") that never looks at the real keys. Copying real keys' metadata, as this service once did, padded
/// the count but multiplied the real values: one real key became a thousand keys with its exact metadata, and three
/// uploads showed exactly three onset values. Each padding key is drawn as a synthetic upload would be:
/// <list type="bullet">
/// <item>report type: confirmed test 70 %, clinical diagnosis (likely) 20 %, self-report 10 %;</item>
/// <item>transmission risk: the value the service fills in for that type when a phone sends 0 (2, 4, 0), as phones
/// running GAEN 1.5 and later do;</item>
/// <item>validity: a whole UTC day (period 144), the day uniformly one to fourteen days before the window's end;</item>
/// <item>symptom onset: a day uniformly zero to fourteen days before the window's end, so days since onset is the
/// key's day minus that day (from -14 to 13).</item>
/// </list>
/// </summary>
public static class PaddingKeys
{
    /// <summary>Oldest key day drawn, in days before the window's end day.</summary>
    public const int MaxKeyAgeDays = 14;

    /// <summary>Oldest onset drawn, in days before the window's end day.</summary>
    public const int MaxOnsetAgeDays = 14;

    /// <summary>The report types drawn and their weights, out of <see cref="TotalWeight"/>.</summary>
    public static readonly IReadOnlyList<(CertificateReportType Type, int Weight)> ReportTypes =
    [
        (CertificateReportType.Confirmed, 70),
        (CertificateReportType.Likely, 20),
        (CertificateReportType.UserReport, 10),
    ];

    private const int TotalWeight = 100;

    /// <summary>One padding key for a window ending at <paramref name="windowEnd"/>.</summary>
    public static DiagnosisKey Draw(DateTimeOffset windowEnd)
    {
        var type = DrawReportType();
        var endDay = EnIntervalNumber.FromTime(windowEnd).DayStart.Value / EnIntervalNumber.IntervalsPerDay;
        var keyDay = endDay - 1 - RandomNumberGenerator.GetInt32(MaxKeyAgeDays);
        var onsetDay = endDay - RandomNumberGenerator.GetInt32(MaxOnsetAgeDays + 1);
        Span<byte> bytes = stackalloc byte[TemporaryExposureKey.Size];
        RandomNumberGenerator.Fill(bytes);
        return new DiagnosisKey(
            TemporaryExposureKey.FromBytes(bytes),
            new KeyValidity(new EnIntervalNumber(keyDay * EnIntervalNumber.IntervalsPerDay), EnIntervalNumber.IntervalsPerDay),
            type.DefaultTransmissionRisk(),
            type.ToExportReportType(),
            keyDay - onsetDay);
    }

    private static CertificateReportType DrawReportType()
    {
        var draw = RandomNumberGenerator.GetInt32(TotalWeight);
        foreach (var (type, weight) in ReportTypes)
        {
            if (draw < weight)
            {
                return type;
            }
            draw -= weight;
        }
        throw new InvalidOperationException("The report type weights must add up to " + TotalWeight + ".");
    }
}
