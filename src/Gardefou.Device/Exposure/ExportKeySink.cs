using Gardefou.Protocol.Matching;

namespace Gardefou.Device.Exposure;

/// <summary>
/// Receives the keys of an export file in file order, a chunk at a time, while <see cref="DownloadedExport"/> reads
/// it. The signature is only checked once the whole file has been read, so whatever a sink computes must stay unused
/// until the reader returns without throwing.
/// </summary>
/// <remarks>
/// The chunk keeps a file of half a million keys from ever being held whole: 4,096 keys take 104 KB, allocated once
/// and reused for every chunk. It is the size of the chunks the protocol's matcher sorts by day, so that handing it
/// the file chunk by chunk loses nothing of that ordering.
/// </remarks>
internal abstract class ExportKeySink
{
    /// <summary>Keys per chunk (a multiple of the matcher's sixteen lanes, and its own chunk size).</summary>
    public const int ChunkSize = 4096;

    private readonly MatchKey[] _keys = new MatchKey[ChunkSize];
    private readonly byte[] _reportTypes = new byte[ChunkSize];
    private readonly sbyte[] _onsets = new sbyte[ChunkSize];
    private int _buffered;
    private int _delivered;

    /// <summary>Keys received so far.</summary>
    public int Count => _delivered + _buffered;

    /// <summary>Called once before the first key with the length of <c>export.bin</c>.</summary>
    public virtual void Begin(long binLength)
    {
    }

    /// <summary>Buffers one key; a full chunk is handed to <see cref="OnChunk"/>.</summary>
    public void Add(in MatchKey key, byte reportType, sbyte onset)
    {
        _keys[_buffered] = key;
        _reportTypes[_buffered] = reportType;
        _onsets[_buffered] = onset;
        if (++_buffered == ChunkSize)
        {
            Flush();
        }
    }

    /// <summary>Hands the buffered keys over; the reader calls it after the last key.</summary>
    public void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }
        OnChunk(_delivered, _keys.AsSpan(0, _buffered), _reportTypes.AsSpan(0, _buffered), _onsets.AsSpan(0, _buffered));
        _delivered += _buffered;
        _buffered = 0;
    }

    /// <summary>
    /// The next keys of the file, the first being key number <paramref name="firstIndex"/>. Report types use
    /// <see cref="DownloadedExport.NoReportType"/> and onsets <see cref="DownloadedExport.NoOnset"/> for absent
    /// fields. The spans are reused after the call returns.
    /// </summary>
    protected abstract void OnChunk(int firstIndex, ReadOnlySpan<MatchKey> keys, ReadOnlySpan<byte> reportTypes, ReadOnlySpan<sbyte> onsets);
}
