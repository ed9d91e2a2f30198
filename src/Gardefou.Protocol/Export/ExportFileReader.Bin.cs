using Gardefou.Protocol.Export.Wire;
using Gardefou.Protocol.Time;
using Google.Protobuf;
using Tek = Gardefou.Protocol.Keys.TemporaryExposureKey;

namespace Gardefou.Protocol.Export;

public static partial class ExportFileReader
{
    // Largest Unix time DateTimeOffset can hold (9999-12-31T23:59:59Z).
    private const ulong MaxUnixSeconds = 253_402_300_799;

    /// <summary>Decodes <c>export.bin</c> (header included); throws <see cref="ExportFormatException"/> when malformed.</summary>
    public static ExportBatch ParseExportBin(ReadOnlySpan<byte> exportBin)
    {
        if (exportBin.Length > ExportFormat.MaxExportBinLength)
        {
            throw new ExportFormatException($"export.bin is larger than {ExportFormat.MaxExportBinLength} bytes.");
        }
        if (exportBin.Length < ExportFormat.HeaderLength || !exportBin[..ExportFormat.HeaderLength].SequenceEqual(ExportFormat.Header))
        {
            throw new ExportFormatException("export.bin does not start with the header \"EK Export v1    \".");
        }
        TemporaryExposureKeyExport export;
        try
        {
            export = TemporaryExposureKeyExport.Parser.ParseFrom(exportBin[ExportFormat.HeaderLength..]);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ExportFormatException($"export.bin is not a valid TemporaryExposureKeyExport: {e.Message}", e);
        }

        if (export.StartTimestamp > MaxUnixSeconds || export.EndTimestamp > MaxUnixSeconds)
        {
            throw new ExportFormatException("export.bin has a timestamp beyond the year 9999.");
        }
        if (export.EndTimestamp < export.StartTimestamp)
        {
            throw new ExportFormatException("export.bin ends before it starts (end_timestamp < start_timestamp).");
        }
        if (export.BatchNum < 1 || export.BatchSize < export.BatchNum)
        {
            throw new ExportFormatException($"export.bin has an invalid batch {export.BatchNum} of {export.BatchSize}.");
        }
        var infos = new SignatureInfo[export.SignatureInfos.Count];
        for (var i = 0; i < infos.Length; i++)
        {
            infos[i] = ToInfo(export.SignatureInfos[i]);
        }
        try
        {
            return ToBatch(export, infos);
        }
        catch (ArgumentException e)
        {
            // The checks above should leave nothing for the constructors to refuse; this keeps the one-exception promise.
            throw new ExportFormatException($"export.bin holds an invalid value: {e.Message}", e);
        }
    }

    private static ExportBatch ToBatch(TemporaryExposureKeyExport export, SignatureInfo[] infos)
    {
        return new ExportBatch(
            export.Region,
            export.BatchNum,
            export.BatchSize,
            DateTimeOffset.FromUnixTimeSeconds((long)export.StartTimestamp),
            DateTimeOffset.FromUnixTimeSeconds((long)export.EndTimestamp),
            ToKeys(export.Keys, "keys"),
            ToKeys(export.RevisedKeys, "revised_keys"))
        {
            SignatureInfos = infos,
        };
    }

    private static DiagnosisKey[] ToKeys(IList<Wire.TemporaryExposureKey> wire, string field)
    {
        var keys = new DiagnosisKey[wire.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ToKey(wire[i], field, i);
        }
        return keys;
    }

    private static DiagnosisKey ToKey(Wire.TemporaryExposureKey k, string field, int index)
    {
        if (k.KeyData.Length != Tek.Size)
        {
            throw Bad(field, index, $"key_data is {k.KeyData.Length} bytes instead of {Tek.Size}");
        }
        if (!k.HasRollingStartIntervalNumber || k.RollingStartIntervalNumber < 0)
        {
            throw Bad(field, index, "rolling_start_interval_number is missing or negative");
        }
        // An absent rolling_period means a full day: the proto default is 144.
        var period = k.HasRollingPeriod ? k.RollingPeriod : EnIntervalNumber.IntervalsPerDay;
        if (period is < 1 or > EnIntervalNumber.IntervalsPerDay)
        {
            throw Bad(field, index, $"rolling_period {period} is outside 1..144");
        }
        if (k.TransmissionRiskLevel is < 0 or > DiagnosisKey.MaxTransmissionRiskLevel)
        {
            throw Bad(field, index, $"transmission_risk_level {k.TransmissionRiskLevel} is outside 0..8");
        }
        ReportType? reportType = null;
        if (k.HasReportType)
        {
            var value = (int)k.ReportType;
            if (value is < 0 or > (int)ReportType.Revoked)
            {
                throw Bad(field, index, $"report_type {value} is unknown");
            }
            reportType = (ReportType)value;
        }
        int? days = null;
        if (k.HasDaysSinceOnsetOfSymptoms)
        {
            if (Math.Abs((long)k.DaysSinceOnsetOfSymptoms) > DiagnosisKey.MaxDaysSinceOnset)
            {
                throw Bad(field, index, $"days_since_onset_of_symptoms {k.DaysSinceOnsetOfSymptoms} is outside -14..14");
            }
            days = k.DaysSinceOnsetOfSymptoms;
        }
        return new DiagnosisKey(
            Tek.FromBytes(k.KeyData.Span),
            new KeyValidity(new EnIntervalNumber(k.RollingStartIntervalNumber), period),
            k.TransmissionRiskLevel,
            reportType,
            days);
    }

    private static ExportFormatException Bad(string field, int index, string problem) =>
        new($"export.bin {field}[{index}]: {problem}.");
}
