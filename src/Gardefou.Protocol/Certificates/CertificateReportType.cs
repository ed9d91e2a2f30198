namespace Gardefou.Protocol.Certificates;

/// <summary>
/// The diagnosis a verification certificate attests, carried in its <c>reportType</c> claim as
/// "confirmed", "likely", "negative" or "user-report" (see <see cref="CertificateReportTypes"/>).
/// </summary>
public enum CertificateReportType
{
    /// <summary>"confirmed": a positive laboratory test.</summary>
    Confirmed,

    /// <summary>"likely": a clinical diagnosis without a test.</summary>
    Likely,

    /// <summary>"negative": a negative test; keys certified so are not published.</summary>
    Negative,

    /// <summary>"user-report": the user reported a result themselves.</summary>
    UserReport,
}
