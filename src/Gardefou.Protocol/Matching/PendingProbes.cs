using System.Runtime.CompilerServices;
namespace Gardefou.Protocol.Matching;

/// <summary>
/// The filter candidates of one key, kept until the matcher has done the next key's AES work: their table slots
/// were touched when they were added, so by the time they are looked up the memory latency is spent.
/// </summary>
internal ref struct PendingProbes(Span<UInt128> rpis, Span<byte> positions)
{
    private readonly Span<UInt128> _rpis = rpis;
    private readonly Span<byte> _positions = positions;
    private int _count;
    private int _keyIndex;
    private long _start;
    private long _keyEnd;
    private int _touched;

    /// <summary>Starts collecting the candidates of key <paramref name="keyIndex"/>.</summary>
    public void Reset(int keyIndex, long start, long keyEnd)
    {
        _count = 0;
        _keyIndex = keyIndex;
        _start = start;
        _keyEnd = keyEnd;
    }

    /// <summary>Keeps the candidate at <paramref name="position"/> and touches its table slot.</summary>
    public void Add(SightingIndex index, byte position, UInt128 rpi)
    {
        _touched ^= index.Touch(rpi);
        _rpis[_count] = rpi;
        _positions[_count] = position;
        _count++;
    }

    /// <summary>Looks every kept candidate up, in position order, and forgets them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ProbeAll(SightingIndex index, List<SightingMatch> destination)
    {
        for (var c = 0; c < _count; c++)
        {
            ExposureMatcher.Probe(index, _keyIndex, _keyEnd, _start + _positions[c], _rpis[c], destination);
        }
        _count = 0;
        // The touches must not be optimised away as dead loads.
        s_sink = _touched;
    }

    private static int s_sink;
}
