using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Gardefou.Protocol.Export;

/// <summary>
/// A diagnosis key packed for sorting and encoding: the key bytes as two big-endian halves (so numeric order is
/// byte order) and every other field in one word. Sorting and then encoding these records reads memory
/// sequentially, where going through sorted indexes into the caller's keys would miss the cache on every key.
/// </summary>
internal readonly struct ExportKeyRecord : IComparable<ExportKeyRecord>
{
    // Meta layout: bits 0-31 rolling start, 32-39 rolling period, 40-43 risk, 44-46 report type, 47 has report type,
    // 48-52 zigzag days since onset, 53 has days since onset.
    private const int PeriodShift = 32;
    private const int RiskShift = 40;
    private const int ReportTypeShift = 44;
    private const ulong HasReportType = 1UL << 47;
    private const int DaysShift = 48;
    private const ulong HasDays = 1UL << 53;

    private ExportKeyRecord(ulong hi, ulong lo, ulong meta)
    {
        Hi = hi;
        Lo = lo;
        Meta = meta;
    }

    public ulong Hi { get; }

    public ulong Lo { get; }

    public ulong Meta { get; }

    public uint RollingStart => unchecked((uint)Meta);

    public int RollingPeriod => unchecked((int)((Meta >> PeriodShift) & 0xFF));

    public byte TransmissionRisk => unchecked((byte)((Meta >> RiskShift) & 0xF));

    public bool TryGetReportType(out byte reportType)
    {
        reportType = unchecked((byte)((Meta >> ReportTypeShift) & 0x7));
        return (Meta & HasReportType) != 0;
    }

    public bool TryGetZigZagDays(out byte zigzagDays)
    {
        zigzagDays = unchecked((byte)((Meta >> DaysShift) & 0x1F));
        return (Meta & HasDays) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExportKeyRecord From(in DiagnosisKey key)
    {
        var tek = key.Key;
        var bytes = tek.Bytes;
        var meta = (ulong)(uint)key.Validity.RollingStart.Value
            | ((ulong)key.Validity.RollingPeriod << PeriodShift)
            | ((ulong)key.TransmissionRiskLevel << RiskShift);
        if (key.ReportType is { } type)
        {
            meta |= ((ulong)type << ReportTypeShift) | HasReportType;
        }
        if (key.DaysSinceOnsetOfSymptoms is { } days)
        {
            var zigzag = unchecked((uint)((days << 1) ^ (days >> 31)));
            meta |= ((ulong)zigzag << DaysShift) | HasDays;
        }
        return new ExportKeyRecord(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), meta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAfter(in ExportKeyRecord other) => Hi > other.Hi || (Hi == other.Hi && Lo > other.Lo);

    public int CompareTo(ExportKeyRecord other) => Hi != other.Hi ? Hi.CompareTo(other.Hi) : Lo.CompareTo(other.Lo);
}
