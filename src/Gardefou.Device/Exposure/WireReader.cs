using System.Security.Cryptography;
using Gardefou.Protocol.Export;

namespace Gardefou.Device.Exposure;

/// <summary>
/// Protobuf wire reading over a stream through a 64 KiB window, hashing every byte consumed, so that an export of
/// half a million keys is parsed and hashed in one pass without holding the file in memory.
/// </summary>
internal sealed class WireReader
{
    public const int Window = 64 * 1024;

    private readonly Stream _source;
    private readonly IncrementalHash _hash;
    private readonly byte[] _buffer = new byte[Window];
    private readonly long _limit;
    private int _position;
    private int _length;
    private long _consumed;
    private bool _eof;

    public WireReader(Stream source, IncrementalHash hash, long limit)
    {
        _source = source;
        _hash = hash;
        _limit = limit;
    }

    /// <summary>Whether every byte of the stream has been consumed.</summary>
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

    /// <summary>The next <paramref name="count"/> bytes (at most <see cref="Window"/>), consumed.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (count is < 0 or > Window)
        {
            throw new ExportFormatException("export.bin holds a field larger than the reader accepts.");
        }
        Fill(count, mayEnd: false);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>
    /// The unread bytes in the window, topped up first so that at least <paramref name="wanted"/> (at most
    /// <see cref="Window"/>) are there unless the stream ends sooner; nothing is consumed until <see cref="Advance"/>.
    /// </summary>
    /// <remarks>This lets the parser read whole key messages straight from the window instead of byte by byte.</remarks>
    public ReadOnlySpan<byte> Peek(int wanted)
    {
        Fill(Math.Min(wanted, Window), mayEnd: true);
        return _buffer.AsSpan(_position, _length - _position);
    }

    /// <summary>Consumes <paramref name="count"/> bytes of those <see cref="Peek"/> returned.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_length - _position))
        {
            throw new ExportFormatException("export.bin is truncated.");
        }
        _position += count;
    }

    /// <summary>Consumes <paramref name="count"/> bytes of any size (unknown fields).</summary>
    public void Skip(long count)
    {
        while (count > 0)
        {
            var step = (int)Math.Min(count, Window);
            Take(step);
            count -= step;
        }
    }

    public byte ReadByte() => Take(1)[0];

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new ExportFormatException("export.bin holds a malformed varint.");
    }

    /// <summary>Skips a field's value of wire type <paramref name="wireType"/>.</summary>
    public void SkipField(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Take(8); break;
            case 2: Skip(checked((long)ReadVarint())); break;
            case 5: Take(4); break;
            default: throw new ExportFormatException($"export.bin uses the unsupported wire type {wireType}.");
        }
    }

    private void Fill(int count, bool mayEnd)
    {
        if (_length - _position >= count)
        {
            return;
        }
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
            _hash.AppendData(_buffer, _length, read);
            _length += read;
            _consumed += read;
            if (_consumed > _limit)
            {
                throw new ExportFormatException($"export.bin is larger than {_limit} bytes.");
            }
        }
        if (_length < count && !mayEnd)
        {
            throw new ExportFormatException("export.bin is truncated.");
        }
    }
}
