using System.Security.Cryptography;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Exposure;

public sealed partial class DownloadedExport
{
    private const int MaxKeyMessage = 1024;

    /// <summary>Every key, in arrays sized once from the entry length (a key takes at least 22 bytes on the wire).</summary>
    private sealed class KeyCollector : ExportKeySink
    {
        public MatchKey[] Keys = [];
        public byte[] ReportTypes = [];
        public sbyte[] Onsets = [];

        public override void Begin(long binLength)
        {
            var capacity = (int)Math.Clamp(binLength / 22, 16, ExportFormat.MaxExportBinLength / 22);
            Keys = new MatchKey[capacity];
            ReportTypes = new byte[capacity];
            Onsets = new sbyte[capacity];
        }

        protected override void OnChunk(int firstIndex, ReadOnlySpan<MatchKey> keys, ReadOnlySpan<byte> reportTypes, ReadOnlySpan<sbyte> onsets)
        {
            var end = firstIndex + keys.Length;
            if (end > Keys.Length)
            {
                var capacity = Math.Max(end, Keys.Length * 2);
                Array.Resize(ref Keys, capacity);
                Array.Resize(ref ReportTypes, capacity);
                Array.Resize(ref Onsets, capacity);
            }
            keys.CopyTo(Keys.AsSpan(firstIndex));
            reportTypes.CopyTo(ReportTypes.AsSpan(firstIndex));
            onsets.CopyTo(Onsets.AsSpan(firstIndex));
        }
    }

    private static (int Num, int Size) ParseBin(WireReader reader, ExportKeySink sink)
    {
        if (!reader.Take(ExportFormat.HeaderLength).SequenceEqual(ExportFormat.Header))
        {
            throw new ExportFormatException("export.bin does not start with the 'EK Export v1' header.");
        }
        var (batchNum, batchSize) = (1, 1);
        while (!reader.AtEnd)
        {
            // Fast path, nearly every field: a whole key message already in the window is parsed in place.
            var window = reader.Peek(MaxKeyMessage + 12);
            if (TryParseKeyInPlace(window, sink, out var consumed))
            {
                reader.Advance(consumed);
                continue;
            }
            var tag = reader.ReadVarint();
            var field = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            switch (field, wireType)
            {
                case (4, 0): batchNum = Int32Field(reader.ReadVarint()); break;
                case (5, 0): batchSize = Int32Field(reader.ReadVarint()); break;
                case (7, 2) or (8, 2):
                    var length = reader.ReadVarint();
                    if (length > MaxKeyMessage)
                    {
                        throw new ExportFormatException("A key message is implausibly long.");
                    }
                    ParseKey(reader.Take((int)length), sink);
                    break;
                default: reader.SkipField(wireType); break;
            }
        }
        sink.Flush();
        if (batchNum < 1 || batchSize < batchNum)
        {
            throw new ExportFormatException("export.bin has an invalid batch number or size.");
        }
        return (batchNum, batchSize);
    }

    /// <summary>
    /// Parses one key field (7 or 8) from the start of <paramref name="window"/> if the whole of it is there; false,
    /// with nothing consumed, for any other field or a message cut by the window's end.
    /// </summary>
    private static bool TryParseKeyInPlace(ReadOnlySpan<byte> window, ExportKeySink sink, out int consumed)
    {
        consumed = 0;
        // Tags 7 and 8 with wire type 2 are the single bytes 0x3A and 0x42.
        if (window.Length < 2 || (window[0] != 0x3A && window[0] != 0x42))
        {
            return false;
        }
        var at = 1;
        ulong length;
        if (window[1] < 0x80)
        {
            length = window[1];
            at = 2;
        }
        else
        {
            var probe = window[..Math.Min(window.Length, 11)];
            length = Varint(probe, ref at);
        }
        if (length > MaxKeyMessage)
        {
            throw new ExportFormatException("A key message is implausibly long.");
        }
        if ((ulong)(window.Length - at) < length)
        {
            return false;
        }
        ParseKey(window.Slice(at, (int)length), sink);
        consumed = at + (int)length;
        return true;
    }

    private static void ParseKey(ReadOnlySpan<byte> data, ExportKeySink sink)
    {
        ReadOnlySpan<byte> key = default;
        int? start = null;
        var period = EnIntervalNumber.IntervalsPerDay;
        var reportType = NoReportType;
        var onset = NoOnset;
        var at = 0;
        while (at < data.Length)
        {
            var tag = Varint(data, ref at);
            var field = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            switch (field, wireType)
            {
                case (1, 2): key = Bytes(data, ref at); break;
                case (3, 0): start = Int32Field(Varint(data, ref at)); break;
                case (4, 0): period = Int32Field(Varint(data, ref at)); break;
                case (5, 0):
                    var type = Varint(data, ref at);
                    reportType = type <= (ulong)ReportType.Revoked ? (byte)type : throw new ExportFormatException("A key has an unknown report type.");
                    break;
                case (6, 0):
                    var zigzag = (uint)Varint(data, ref at);
                    var days = (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
                    onset = Math.Abs(days) <= DiagnosisKey.MaxDaysSinceOnset ? (sbyte)days : throw new ExportFormatException("A key's days since onset is out of range.");
                    break;
                default: SkipInMessage(data, ref at, wireType); break;
            }
        }
        if (start is not { } rollingStart || period is < 1 or > EnIntervalNumber.IntervalsPerDay)
        {
            throw new ExportFormatException("A key lacks its rolling start or has a rolling period outside 1..144.");
        }
        sink.Add(new MatchKey(KeyOf(key), new KeyValidity(Interval(rollingStart), period)), reportType, onset);
    }

    private static bool VerifyAny(ReadOnlySpan<byte> list, byte[] digest, int batchNum, int batchSize, ECDsa publicKey)
    {
        var valid = false;
        var at = 0;
        while (at < list.Length)
        {
            var tag = Varint(list, ref at);
            if (tag != ((1 << 3) | 2))
            {
                SkipInMessage(list, ref at, (int)(tag & 7));
                continue;
            }
            var signature = Bytes(list, ref at);
            string? algorithm = null;
            int num = 0, size = 0;
            ReadOnlySpan<byte> der = default;
            var p = 0;
            while (p < signature.Length)
            {
                var t = Varint(signature, ref p);
                switch ((int)(t >> 3), (int)(t & 7))
                {
                    case (1, 2): algorithm = AlgorithmOf(Bytes(signature, ref p)); break;
                    case (2, 0): num = Int32Field(Varint(signature, ref p)); break;
                    case (3, 0): size = Int32Field(Varint(signature, ref p)); break;
                    case (4, 2): der = Bytes(signature, ref p); break;
                    default: SkipInMessage(signature, ref p, (int)(t & 7)); break;
                }
            }
            if (algorithm != SignatureInfo.EcdsaP256Sha256Oid || num != batchNum || size != batchSize)
            {
                continue;
            }
            try
            {
                valid |= publicKey.VerifyHash(digest, der, DSASignatureFormat.Rfc3279DerSequence);
            }
            catch (CryptographicException)
            {
                // A garbage signature is simply not a valid one.
            }
        }
        return valid;
    }

    private static string? AlgorithmOf(ReadOnlySpan<byte> info)
    {
        string? algorithm = null;
        var at = 0;
        while (at < info.Length)
        {
            var tag = Varint(info, ref at);
            if (tag == ((5 << 3) | 2))
            {
                algorithm = System.Text.Encoding.UTF8.GetString(Bytes(info, ref at));
            }
            else
            {
                SkipInMessage(info, ref at, (int)(tag & 7));
            }
        }
        return algorithm;
    }
}
