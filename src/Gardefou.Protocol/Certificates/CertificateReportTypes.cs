using System.Diagnostics.CodeAnalysis;
using Gardefou.Protocol.Export;

namespace Gardefou.Protocol.Certificates;

/// <summary>Conversions of <see cref="CertificateReportType"/> to and from its claim text and export report type.</summary>
public static class CertificateReportTypes
{
    /// <summary>The claim text of <paramref name="type"/>.</summary>
    public static string ToClaim(this CertificateReportType type) => type switch
    {
        CertificateReportType.Confirmed => "confirmed",
        CertificateReportType.Likely => "likely",
        CertificateReportType.Negative => "negative",
        CertificateReportType.UserReport => "user-report",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown report type."),
    };

    /// <summary>Parses the claim text (exact, case-sensitive, as the Google key server does).</summary>
    public static bool TryParse([NotNullWhen(true)] string? claim, out CertificateReportType type)
    {
        (var ok, type) = claim switch
        {
            "confirmed" => (true, CertificateReportType.Confirmed),
            "likely" => (true, CertificateReportType.Likely),
            "negative" => (true, CertificateReportType.Negative),
            "user-report" => (true, CertificateReportType.UserReport),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>
    /// The report type keys certified so carry in export files; null for <see cref="CertificateReportType.Negative"/>,
    /// whose keys are never published.
    /// </summary>
    public static ReportType? ToExportReportType(this CertificateReportType type) => type switch
    {
        CertificateReportType.Confirmed => ReportType.ConfirmedTest,
        CertificateReportType.Likely => ReportType.ConfirmedClinicalDiagnosis,
        CertificateReportType.UserReport => ReportType.SelfReport,
        _ => null,
    };

    /// <summary>
    /// The transmission risk the Google key server fills in when a key arrives with risk 0 under this report type
    /// (confirmed 2, likely 4, negative 6); user reports keep 0.
    /// </summary>
    public static int DefaultTransmissionRisk(this CertificateReportType type) => type switch
    {
        CertificateReportType.Confirmed => 2,
        CertificateReportType.Likely => 4,
        CertificateReportType.Negative => 6,
        _ => 0,
    };
}
