using Gardefou.Protocol.Matching;

namespace Gardefou.Protocol.Export;

/// <summary>
/// Receives the keys of an export file in file order (<c>keys</c> and <c>revised_keys</c> as they come), a chunk at a
/// time, while <see cref="ExportFileReader.ReadKeys"/> streams it. Every key a sink receives has passed the format's
/// checks, but the file as a whole (its batch fields, its signature) is only known once the reader returns: whatever a
/// sink computes must stay unused until then, and be dropped if the reader throws or the signature does not verify.
/// </summary>
/// <remarks>
/// Chunks keep a file of half a million keys from ever being held whole: 4,096 keys take 112 KB, allocated once and
/// reused for every chunk. It is also the chunk size of the protocol's matcher (which sorts each chunk by day), so
/// that handing the matcher the file chunk by chunk loses nothing.
/// </remarks>
public abstract class ExportKeySink
{
    /// <summary>Keys per chunk (a multiple of the matcher's sixteen lanes, and its own chunk size).</summary>
    public const int ChunkSize = 4096;

    private readonly MatchKey[] _keys = new MatchKey[ChunkSize];
    private readonly ExportKeyMetadata[] _metadata = new ExportKeyMetadata[ChunkSize];
    private int _buffered;
    private int _delivered;

    /// <summary>Keys received so far.</summary>
    public int Count => _delivered + _buffered;

    /// <summary>Called once before the first key with the length of <c>export.bin</c> as the zip declares it (a hint only).</summary>
    public virtual void Begin(long declaredLength)
    {
    }

    /// <summary>Buffers one key; a full chunk is handed to <see cref="OnChunk"/>.</summary>
    internal void Add(in MatchKey key, in ExportKeyMetadata metadata)
    {
        _keys[_buffered] = key;
        _metadata[_buffered] = metadata;
        if (++_buffered == ChunkSize)
        {
            Flush();
        }
    }

    /// <summary>Hands the buffered keys over; the reader calls it after the last key.</summary>
    internal void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }
        OnChunk(_delivered, _keys.AsSpan(0, _buffered), _metadata.AsSpan(0, _buffered));
        _delivered += _buffered;
        _buffered = 0;
    }

    /// <summary>
    /// The next keys of the file, the first being key number <paramref name="firstIndex"/> (counting <c>keys</c> then
    /// <c>revised_keys</c> in file order). The spans are reused after the call returns.
    /// </summary>
    protected abstract void OnChunk(int firstIndex, ReadOnlySpan<MatchKey> keys, ReadOnlySpan<ExportKeyMetadata> metadata);
}
