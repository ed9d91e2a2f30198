using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;
using Tek = Gardefou.Protocol.Keys.TemporaryExposureKey;

namespace Gardefou.Protocol.Export;

/// <summary>
/// Decodes <c>export.bin</c> (header and <c>TemporaryExposureKeyExport</c>) in one pass over a <see cref="WireWindow"/>,
/// handing each key to an <see cref="ExportKeySink"/> as soon as it is read and checked, and returning the batch fields
/// once the whole message has been read (protobuf allows them after the keys).
/// </summary>
/// <remarks>
/// Nearly every field of a file is a key message of about 30 bytes: those are parsed in place from the window with no
/// copy and no allocation. Everything else goes through the general path, which reads any valid protobuf.
/// </remarks>
internal static class ExportBinParser
{
    /// <summary>How wire-level errors in <c>export.bin</c> begin.</summary>
    public const string Context = "export.bin is not a valid TemporaryExposureKeyExport";

    // A key message read in place has a one-byte length; longer ones (only possible with unknown fields) take the general path.
    private const int MaxInPlaceKey = 2 + 127;

    // Largest Unix time DateTimeOffset can hold (9999-12-31T23:59:59Z).
    private const ulong MaxUnixSeconds = 253_402_300_799;

    public static ExportBinFields Parse(WireWindow input, ExportKeySink sink)
    {
        var header = input.Peek(ExportFormat.HeaderLength);
        if (header.Length < ExportFormat.HeaderLength || !header[..ExportFormat.HeaderLength].SequenceEqual(ExportFormat.Header))
        {
            throw new ExportFormatException("export.bin does not start with the header \"EK Export v1    \".");
        }
        input.Advance(ExportFormat.HeaderLength);
        var fields = new ExportBinFields();
        var counts = new KeyCounts();
        while (!input.AtEnd)
        {
            // Fast path, nearly every field: a whole key message already in the window is parsed in place.
            if (TryParseKeyInPlace(input.Peek(MaxInPlaceKey), sink, ref counts, out var consumed))
            {
                input.Advance(consumed);
                continue;
            }
            var (field, wireType) = input.ReadTag();
            switch (field, wireType)
            {
                case (1, 1): fields.Start = input.ReadFixed64(); break;
                case (2, 1): fields.End = input.ReadFixed64(); break;
                case (3, 2): fields.Region = ProtoWire.String(input.ReadBytes(WireWindow.Size, "region"), Context); break;
                case (4, 0): fields.BatchNum = ProtoWire.Int32(input.ReadVarint()); break;
                case (5, 0): fields.BatchSize = ProtoWire.Int32(input.ReadVarint()); break;
                case (6, 2): fields.SignatureInfos.Add(SignatureListParser.ParseInfo(input.ReadBytes(WireWindow.Size, "a signature_info"), Context)); break;
                case (7, 2): ParseKey(input.ReadBytes(WireWindow.Size, "a key"), revised: false, sink, ref counts); break;
                case (8, 2): ParseKey(input.ReadBytes(WireWindow.Size, "a key"), revised: true, sink, ref counts); break;
                default: input.SkipField(field, wireType); break;
            }
        }
        sink.Flush();
        Check(fields);
        fields.KeyCount = counts.Keys;
        fields.RevisedKeyCount = counts.Revised;
        return fields;
    }

    private static void Check(ExportBinFields fields)
    {
        if (fields.Start > MaxUnixSeconds || fields.End > MaxUnixSeconds)
        {
            throw new ExportFormatException("export.bin has a timestamp beyond the year 9999.");
        }
        if (fields.End < fields.Start)
        {
            throw new ExportFormatException("export.bin ends before it starts (end_timestamp < start_timestamp).");
        }
        if (fields.BatchNum < 1 || fields.BatchSize < fields.BatchNum)
        {
            throw new ExportFormatException($"export.bin has an invalid batch {fields.BatchNum} of {fields.BatchSize}.");
        }
    }

    /// <summary>
    /// Parses one key field (7 or 8) from the start of <paramref name="window"/> if the whole of it is there; false,
    /// with nothing consumed, for any other field or a message cut by the window's end.
    /// </summary>
    private static bool TryParseKeyInPlace(ReadOnlySpan<byte> window, ExportKeySink sink, ref KeyCounts counts, out int consumed)
    {
        consumed = 0;
        // Tags 7 and 8 with wire type 2 are the single bytes 0x3A and 0x42; a key message is shorter than 128 bytes.
        if (window.Length < 2 || (window[0] != 0x3A && window[0] != 0x42) || window[1] >= 0x80)
        {
            return false;
        }
        var length = window[1];
        if (window.Length - 2 < length)
        {
            return false;
        }
        ParseKey(window.Slice(2, length), revised: window[0] == 0x42, sink, ref counts);
        consumed = 2 + length;
        return true;
    }

    private static void ParseKey(ReadOnlySpan<byte> data, bool revised, ExportKeySink sink, ref KeyCounts counts)
    {
        var index = revised ? counts.Revised++ : counts.Keys++;
        ReadOnlySpan<byte> key = default;
        var transmissionRisk = 0;
        int? start = null;
        int? period = null;
        int? reportType = null;
        int? onset = null;
        var at = 0;
        while (at < data.Length)
        {
            var (field, wireType) = ProtoWire.Tag(data, ref at, Context);
            switch (field, wireType)
            {
                case (1, 2): key = ProtoWire.Bytes(data, ref at, Context); break;
                case (2, 0): transmissionRisk = ProtoWire.Int32(ProtoWire.Varint(data, ref at, Context)); break;
                case (3, 0): start = ProtoWire.Int32(ProtoWire.Varint(data, ref at, Context)); break;
                case (4, 0): period = ProtoWire.Int32(ProtoWire.Varint(data, ref at, Context)); break;
                case (5, 0): reportType = ProtoWire.Int32(ProtoWire.Varint(data, ref at, Context)); break;
                case (6, 0): onset = ProtoWire.SInt32(ProtoWire.Varint(data, ref at, Context)); break;
                default: ProtoWire.Skip(data, ref at, field, wireType, Context); break;
            }
        }

        var name = revised ? "revised_keys" : "keys";
        if (key.Length != Tek.Size)
        {
            throw Bad(name, index, $"key_data is {key.Length} bytes instead of {Tek.Size}");
        }
        if (start is not { } rollingStart || rollingStart < 0)
        {
            throw Bad(name, index, "rolling_start_interval_number is missing or negative");
        }
        // An absent rolling_period means a full day: the proto default is 144.
        var rollingPeriod = period ?? EnIntervalNumber.IntervalsPerDay;
        if (rollingPeriod is < 1 or > EnIntervalNumber.IntervalsPerDay)
        {
            throw Bad(name, index, $"rolling_period {rollingPeriod} is outside 1..144");
        }
        if (transmissionRisk is < 0 or > DiagnosisKey.MaxTransmissionRiskLevel)
        {
            throw Bad(name, index, $"transmission_risk_level {transmissionRisk} is outside 0..8");
        }
        if (reportType is < 0 or > (int)ReportType.Revoked)
        {
            throw Bad(name, index, $"report_type {reportType} is unknown");
        }
        if (onset is { } days && Math.Abs((long)days) > DiagnosisKey.MaxDaysSinceOnset)
        {
            throw Bad(name, index, $"days_since_onset_of_symptoms {days} is outside -14..14");
        }
        sink.Add(
            new MatchKey(Tek.FromBytes(key), new KeyValidity(new EnIntervalNumber(rollingStart), rollingPeriod)),
            new ExportKeyMetadata(transmissionRisk, (ReportType?)reportType, onset, revised));
    }

    private static ExportFormatException Bad(string field, int index, string problem) =>
        new($"export.bin {field}[{index}]: {problem}.");

    private struct KeyCounts
    {
        public int Keys;
        public int Revised;
    }
}
