namespace Gardefou.Protocol.Export;

/// <summary>
/// What an export file says about one key besides the key and its validity, packed in four bytes so that a chunk of
/// keys streamed out of a file stays small (see <see cref="ExportKeySink"/>).
/// </summary>
public readonly record struct ExportKeyMetadata
{
    private const byte NoReportType = 0xFF;
    private const sbyte NoOnset = sbyte.MinValue;

    private readonly byte _reportType;
    private readonly sbyte _onset;
    private readonly byte _transmissionRiskLevel;
    private readonly bool _revised;

    /// <summary>Packs the fields; the values are those <see cref="DiagnosisKey"/> accepts (the reader checks them first).</summary>
    public ExportKeyMetadata(int transmissionRiskLevel, ReportType? reportType, int? daysSinceOnsetOfSymptoms, bool revised)
    {
        _transmissionRiskLevel = checked((byte)transmissionRiskLevel);
        _reportType = reportType is { } type ? checked((byte)type) : NoReportType;
        _onset = daysSinceOnsetOfSymptoms is { } days ? checked((sbyte)days) : NoOnset;
        _revised = revised;
    }

    /// <summary>Transmission risk level 0..8 (0 when the file has none).</summary>
    public int TransmissionRiskLevel => _transmissionRiskLevel;

    /// <summary>Report type, or null when the file gives none.</summary>
    public ReportType? ReportType => _reportType == NoReportType ? null : (ReportType)_reportType;

    /// <summary>Days from symptom onset (-14..14), or null when the file gives none.</summary>
    public int? DaysSinceOnsetOfSymptoms => _onset == NoOnset ? null : _onset;

    /// <summary>Whether the key came in <c>revised_keys</c> rather than <c>keys</c>.</summary>
    public bool Revised => _revised;
}
