using System.Security.Cryptography;

namespace Gardefou.Protocol.Export;

/// <summary>
/// The bytes of <c>export.bin</c> as the parser sees them: either a stream read through a 64 KiB window, every byte
/// hashed as it comes in (so a file of half a million keys is parsed and hashed in one pass without being held whole),
/// or an array already in memory, read in place. Small messages are handed out as spans of the window, never copied.
/// </summary>
internal sealed class WireWindow
{
    /// <summary>Size of the window over a stream; also the largest single field the parser takes in one piece.</summary>
    public const int Size = 64 * 1024;

    private const string Context = ExportBinParser.Context;

    private readonly Stream? _source;
    private readonly IncrementalHash? _hash;
    private readonly byte[] _buffer;
    private readonly long _limit;
    private int _position;
    private int _length;
    private long _consumed;
    private bool _eof;

    /// <summary>A window over <paramref name="source"/>, hashing into <paramref name="hash"/> and refusing more than <paramref name="limit"/> bytes.</summary>
    public WireWindow(Stream source, IncrementalHash hash, long limit)
    {
        _source = source;
        _hash = hash;
        _limit = limit;
        _buffer = new byte[Size];
    }

    /// <summary>A window that is the whole of <paramref name="bytes"/>.</summary>
    public WireWindow(byte[] bytes)
    {
        _buffer = bytes;
        _length = bytes.Length;
        _limit = bytes.Length;
        _eof = true;
    }

    /// <summary>Whether every byte has been consumed.</summary>
    public bool AtEnd
    {
        get
        {
            if (_position < _length)
            {
                return false;
            }
            Fill(1, mayEnd: true);
            return _position >= _length;
        }
    }

    /// <summary>The next <paramref name="count"/> bytes (at most <see cref="Size"/>), consumed.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || (_source is not null && count > Size))
        {
            throw ProtoWire.Malformed(Context, $"a field of {count} bytes is larger than the reader takes in one piece ({Size})");
        }
        Fill(count, mayEnd: false);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>
    /// The unread bytes in the window, topped up first so that at least <paramref name="wanted"/> are there unless the
    /// input ends sooner; nothing is consumed until <see cref="Advance"/>. This lets the parser read whole key messages
    /// straight from the window instead of byte by byte.
    /// </summary>
    public ReadOnlySpan<byte> Peek(int wanted)
    {
        Fill(Math.Min(wanted, Size), mayEnd: true);
        return _buffer.AsSpan(_position, _length - _position);
    }

    /// <summary>Consumes <paramref name="count"/> bytes of those <see cref="Peek"/> returned.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_length - _position))
        {
            throw ProtoWire.Malformed(Context, "it is truncated");
        }
        _position += count;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw ProtoWire.Malformed(Context, "a varint is longer than ten bytes");
    }

    public (int Field, int WireType) ReadTag()
    {
        // Tags are 32-bit: a longer varint keeps its low 32 bits, as Google's parsers read it.
        var tag = unchecked((uint)ReadVarint());
        if (tag >> 3 == 0)
        {
            throw ProtoWire.Malformed(Context, $"invalid field number {tag >> 3}");
        }
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadFixed64() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>A length-delimited value of at most <paramref name="maxLength"/> bytes, as a span of the window.</summary>
    public ReadOnlySpan<byte> ReadBytes(int maxLength, string what)
    {
        var length = ReadVarint();
        if (length > (ulong)maxLength)
        {
            throw ProtoWire.Malformed(Context, $"{what} is {length} bytes, more than the {maxLength} accepted");
        }
        return Take((int)length);
    }

    /// <summary>Skips the value of an unknown field whose tag has just been read, whatever its size.</summary>
    public void SkipField(int field, int wireType, int depth = 0)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Take(8); break;
            case 2: Skip(ReadVarint()); break;
            case 3: SkipGroup(field, depth + 1); break;
            case 5: Take(4); break;
            default: throw ProtoWire.Malformed(Context, wireType == 4 ? "an end-group tag without its start" : $"invalid wire type {wireType}");
        }
    }

    private void SkipGroup(int field, int depth)
    {
        if (depth > 100)
        {
            throw ProtoWire.Malformed(Context, "groups are nested too deeply");
        }
        while (true)
        {
            if (AtEnd)
            {
                throw ProtoWire.Malformed(Context, "a group is not closed");
            }
            var (inner, wireType) = ReadTag();
            if (wireType == 4)
            {
                if (inner != field)
                {
                    throw ProtoWire.Malformed(Context, "a group is closed by the wrong end-group tag");
                }
                return;
            }
            SkipField(inner, wireType, depth);
        }
    }

    private void Skip(ulong count)
    {
        if (count > (ulong)_limit)
        {
            throw ProtoWire.Malformed(Context, "a length-delimited field runs past the end of the file");
        }
        var remaining = (long)count;
        while (remaining > 0)
        {
            var step = (int)Math.Min(remaining, Size);
            Take(step);
            remaining -= step;
        }
    }

    private void Fill(int count, bool mayEnd)
    {
        if (_length - _position >= count)
        {
            return;
        }
        if (_source is not null)
        {
            // Slide the unread tail to the front, then read (and hash) new bytes after it.
            var remaining = _length - _position;
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, remaining);
            _position = 0;
            _length = remaining;
            while (_length < count && !_eof)
            {
                var read = _source.Read(_buffer, _length, _buffer.Length - _length);
                if (read == 0)
                {
                    _eof = true;
                    break;
                }
                _hash!.AppendData(_buffer, _length, read);
                _length += read;
                _consumed += read;
                if (_consumed > _limit)
                {
                    throw new ExportFormatException($"export.bin is larger than {_limit} bytes.");
                }
            }
        }
        if (_length - _position < count && !mayEnd)
        {
            throw ProtoWire.Malformed(Context, "it is truncated");
        }
    }
}
