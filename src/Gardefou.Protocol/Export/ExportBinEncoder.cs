using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Gardefou.Protocol.Export;

/// <summary>
/// Hand-written protobuf encoding of <c>export.bin</c>. A million keys must be written and signed in well under
/// a second, so keys are encoded straight from packed, sorted <see cref="ExportKeyRecord"/>s into one buffer: no
/// message objects, no per-key allocation, sequential memory access. Field numbers and wire types follow <c>Protos/export.proto</c>; the generated parser
/// reads what this writes (a test round-trips it).
/// </summary>
internal static class ExportBinEncoder
{
    // Largest encoding of one key: tag+len (2) + key_data (18) + risk (2) + start (6) + period (3) + type (2) + onset (2).
    private const int MaxKeyRecordLength = 35;

    /// <summary>Encodes the header and the export message; keys are written in the order of <paramref name="keys"/> and <paramref name="revisedKeys"/>.</summary>
    public static byte[] Encode(ExportBatch batch, IReadOnlyList<SignatureInfo> infos, ExportKeyRecord[] keys, ExportKeyRecord[] revisedKeys, out int length)
    {
        var region = Encoding.UTF8.GetBytes(batch.Region);
        var infoBytes = EncodeInfos(infos);
        var capacity = ExportFormat.HeaderLength + 9 + 9 + 5 + region.Length + 6 + 6 + infoBytes.Length
            + ((long)keys.Length + revisedKeys.Length) * MaxKeyRecordLength;
        if (capacity > Array.MaxLength)
        {
            throw new ArgumentException("Too many keys for one export file; split the batch.", nameof(batch));
        }
        var buffer = GC.AllocateUninitializedArray<byte>((int)capacity);
        ExportFormat.Header.CopyTo(buffer);
        var p = ExportFormat.HeaderLength;
        buffer[p++] = 0x09; // 1: start_timestamp, fixed64
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(p), (ulong)batch.StartTimestamp.ToUnixTimeSeconds());
        p += 8;
        buffer[p++] = 0x11; // 2: end_timestamp, fixed64
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(p), (ulong)batch.EndTimestamp.ToUnixTimeSeconds());
        p += 8;
        buffer[p++] = 0x1A; // 3: region
        p = WriteVarint(buffer, p, (uint)region.Length);
        region.CopyTo(buffer, p);
        p += region.Length;
        buffer[p++] = 0x20; // 4: batch_num
        p = WriteVarint(buffer, p, (uint)batch.BatchNum);
        buffer[p++] = 0x28; // 5: batch_size
        p = WriteVarint(buffer, p, (uint)batch.BatchSize);
        infoBytes.CopyTo(buffer, p);
        p += infoBytes.Length;
        p = WriteKeys(buffer, p, 0x3A, keys); // 7: keys
        p = WriteKeys(buffer, p, 0x42, revisedKeys); // 8: revised_keys
        length = p;
        return buffer;
    }

    private static byte[] EncodeInfos(IReadOnlyList<SignatureInfo> infos)
    {
        using var stream = new MemoryStream();
        foreach (var info in infos)
        {
            using var body = new MemoryStream();
            WriteString(body, 0x1A, info.VerificationKeyVersion); // 3
            WriteString(body, 0x22, info.VerificationKeyId); // 4
            WriteString(body, 0x2A, info.SignatureAlgorithm); // 5
            stream.WriteByte(0x32); // 6: signature_infos
            WriteVarint(stream, (uint)body.Length);
            body.WriteTo(stream);
        }
        return stream.ToArray();
    }

    private static void WriteString(MemoryStream stream, byte tag, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        stream.WriteByte(tag);
        WriteVarint(stream, (uint)bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteVarint(MemoryStream stream, uint value)
    {
        Span<byte> scratch = stackalloc byte[5];
        var n = WriteVarint(scratch, 0, value);
        stream.Write(scratch[..n]);
    }

    private static int WriteKeys(byte[] buffer, int p, byte tag, ExportKeyRecord[] keys)
    {
        var span = buffer.AsSpan();
        foreach (var key in keys)
        {
            span[p] = tag;
            var body = p + 2; // every key record is shorter than 128 bytes: its length is one varint byte
            var q = body;
            span[q] = 0x0A; // 1: key_data
            span[q + 1] = 16;
            BinaryPrimitives.WriteUInt64BigEndian(span[(q + 2)..], key.Hi);
            BinaryPrimitives.WriteUInt64BigEndian(span[(q + 10)..], key.Lo);
            q += 18;
            span[q++] = 0x10; // 2: transmission_risk_level
            span[q++] = key.TransmissionRisk;
            span[q++] = 0x18; // 3: rolling_start_interval_number
            q = WriteVarint(span, q, key.RollingStart);
            if (key.RollingPeriod != Time.EnIntervalNumber.IntervalsPerDay)
            {
                span[q++] = 0x20; // 4: rolling_period, omitted at its default 144 like Google's server does
                q = WriteVarint(span, q, (uint)key.RollingPeriod);
            }
            if (key.TryGetReportType(out var type))
            {
                span[q++] = 0x28; // 5: report_type
                span[q++] = type;
            }
            if (key.TryGetZigZagDays(out var days))
            {
                span[q++] = 0x30; // 6: days_since_onset_of_symptoms, sint32 zigzag
                span[q++] = days;
            }
            span[p + 1] = (byte)(q - body);
            p = q;
        }
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteVarint(Span<byte> buffer, int p, uint value)
    {
        while (value >= 0x80)
        {
            buffer[p++] = unchecked((byte)(value | 0x80));
            value >>= 7;
        }
        buffer[p++] = (byte)value;
        return p;
    }
}
