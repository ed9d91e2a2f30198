using Gardefou.Protocol.Export;

namespace Gardefou.Protocol.Risk;

/// <summary>
/// A set of scans (at most 30 minutes in GAEN) in which one matched key was heard, on one UTC day. Only the day
/// is kept, never the time of day: notifications have day precision.
/// </summary>
/// <param name="Day">UTC day of the exposure.</param>
/// <param name="ReportType">Report type of the matched key, after <see cref="RiskConfiguration.ReportTypeFor"/>.</param>
/// <param name="Infectiousness">Infectiousness of the key's day, after <see cref="RiskConfiguration.InfectiousnessFor"/>.</param>
/// <param name="CalibrationConfidence">Confidence in the attenuation calibration (not scored).</param>
/// <param name="ScanInstances">The scans.</param>
public sealed record ExposureWindow(
    DateOnly Day,
    ReportType ReportType,
    Infectiousness Infectiousness,
    CalibrationConfidence CalibrationConfidence,
    IReadOnlyList<ScanInstance> ScanInstances);
