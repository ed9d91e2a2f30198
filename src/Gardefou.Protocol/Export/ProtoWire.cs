namespace Gardefou.Protocol.Export;

/// <summary>
/// Protobuf wire decoding over a span that holds a whole message, for the small messages of the export format (one
/// key, one signature). Every error is an <see cref="ExportFormatException"/> whose message starts with the
/// <c>context</c> given, so a caller says once which entry and message type was being read.
/// </summary>
/// <remarks>
/// It decodes as Google's generated parsers do: int32 fields are 64-bit varints cut to 32 bits, a known field number
/// with an unexpected wire type is an unknown field and skipped, groups are skipped whole, and the last value of a
/// repeated scalar wins.
/// </remarks>
internal static class ProtoWire
{
    /// <summary>Deepest nesting of groups skipped inside an unknown field (Google's parsers stop at 100 too).</summary>
    private const int MaxGroupDepth = 100;

    private static readonly System.Text.UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a varint of up to ten bytes at <paramref name="at"/>.</summary>
    public static ulong Varint(ReadOnlySpan<byte> data, scoped ref int at, string context)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64 && at < data.Length; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Malformed(context, at >= data.Length ? "a varint runs past the end of its message" : "a varint is longer than ten bytes");
    }

    /// <summary>Reads a field tag; field number 0 is invalid in every message.</summary>
    public static (int Field, int WireType) Tag(ReadOnlySpan<byte> data, scoped ref int at, string context)
    {
        // Tags are 32-bit: a longer varint keeps its low 32 bits, as Google's parsers read it.
        var tag = unchecked((uint)Varint(data, ref at, context));
        if (tag >> 3 == 0)
        {
            throw Malformed(context, $"invalid field number {tag >> 3}");
        }
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    /// <summary>Reads a length-delimited value that must lie inside <paramref name="data"/>.</summary>
    public static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> data, scoped ref int at, string context)
    {
        var length = Varint(data, ref at, context);
        if (length > (ulong)(data.Length - at))
        {
            throw Malformed(context, "a length-delimited field runs past the end of its message");
        }
        var span = data.Slice(at, (int)length);
        at += (int)length;
        return span;
    }

    /// <summary>A string field: UTF-8, refused when invalid as protobuf requires.</summary>
    public static string String(ReadOnlySpan<byte> utf8, string context)
    {
        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw Malformed(context, "a string is not valid UTF-8");
        }
    }

    /// <summary>An int32 field: the varint's low 32 bits, as protobuf defines it (negative values take ten bytes).</summary>
    public static int Int32(ulong varint) => unchecked((int)varint);

    /// <summary>A sint32 field: ZigZag over the varint's low 32 bits.</summary>
    public static int SInt32(ulong varint)
    {
        var zigzag = unchecked((uint)varint);
        return (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
    }

    /// <summary>Skips the value of an unknown field whose tag has just been read.</summary>
    public static void Skip(ReadOnlySpan<byte> data, scoped ref int at, int field, int wireType, string context) =>
        Skip(data, ref at, field, wireType, context, depth: 0);

    private static void Skip(ReadOnlySpan<byte> data, scoped ref int at, int field, int wireType, string context, int depth)
    {
        switch (wireType)
        {
            case 0:
                Varint(data, ref at, context);
                return;
            case 1:
                Advance(data, ref at, 8, context);
                return;
            case 2:
                Bytes(data, ref at, context);
                return;
            case 3:
                SkipGroup(data, ref at, field, context, depth + 1);
                return;
            case 5:
                Advance(data, ref at, 4, context);
                return;
            default:
                throw Malformed(context, wireType == 4 ? "an end-group tag without its start" : $"invalid wire type {wireType}");
        }
    }

    private static void SkipGroup(ReadOnlySpan<byte> data, scoped ref int at, int field, string context, int depth)
    {
        if (depth > MaxGroupDepth)
        {
            throw Malformed(context, "groups are nested too deeply");
        }
        while (true)
        {
            if (at >= data.Length)
            {
                throw Malformed(context, "a group is not closed");
            }
            var (inner, wireType) = Tag(data, ref at, context);
            if (wireType == 4)
            {
                if (inner != field)
                {
                    throw Malformed(context, "a group is closed by the wrong end-group tag");
                }
                return;
            }
            Skip(data, ref at, inner, wireType, context, depth);
        }
    }

    private static void Advance(ReadOnlySpan<byte> data, scoped ref int at, int count, string context)
    {
        if (data.Length - at < count)
        {
            throw Malformed(context, "a field runs past the end of its message");
        }
        at += count;
    }

    /// <summary>The error for bytes that are not a valid message of the type named by <paramref name="context"/>.</summary>
    public static ExportFormatException Malformed(string context, string detail) => new($"{context}: {detail}.");
}
