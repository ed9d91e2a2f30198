namespace Gardefou.Protocol.Export;

/// <summary>
/// How the diagnosis behind a published key was established, as carried in export files
/// (<c>TemporaryExposureKey.report_type</c>). The numeric values are the wire values.
/// </summary>
public enum ReportType
{
    /// <summary>Not stated; clients treat it as the configured default.</summary>
    Unknown = 0,

    /// <summary>A positive laboratory test.</summary>
    ConfirmedTest = 1,

    /// <summary>A clinical diagnosis without a test ("likely").</summary>
    ConfirmedClinicalDiagnosis = 2,

    /// <summary>The user reported symptoms or a result themselves.</summary>
    SelfReport = 3,

    /// <summary>Reserved by GAEN for recursive notification; never published by Gardefou.</summary>
    Recursive = 4,

    /// <summary>A key previously published and now withdrawn (in <c>revised_keys</c>).</summary>
    Revoked = 5,
}
