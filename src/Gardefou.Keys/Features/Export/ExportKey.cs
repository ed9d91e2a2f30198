namespace Gardefou.Keys.Features.Export;

/// <summary>The columns of a stored key that an export file needs (a projection, so a million keys load without change tracking).</summary>
public readonly record struct ExportKey(byte[] KeyData, int RollingStart, int RollingPeriod, int TransmissionRisk, int ReportType, int? DaysSinceOnset);
