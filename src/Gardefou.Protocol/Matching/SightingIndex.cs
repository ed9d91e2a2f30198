using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Gardefou.Protocol.Matching;

/// <summary>
/// A phone's sightings, indexed once so that each of the 144 identifiers of every diagnosis key can be looked up
/// in a few nanoseconds. Immutable after construction and safe to share between threads.
/// </summary>
/// <remarks>
/// Two structures, both sized from the number of distinct identifiers: a bit filter (128 to 256 bits per
/// identifier, so at most 0.8% of absent identifiers pass it) that rejects nearly every generated identifier with
/// one memory read and three instructions, and an open-addressing table of the distinct identifiers that leads to the sightings of each.
/// The filter takes the word from an identifier's top bits and the bit from its low six bits (identifiers are AES outputs, so uniform; a broadcaster choosing
/// them can only fill the filter, which costs it as many broadcasts as any other way would). The table hashes with
/// a random per-index seed, so that chosen identifiers cannot crowd one of its buckets.
/// </remarks>
public sealed partial class SightingIndex
{
    private const ulong TableMultiplier = 0xD6E8FEB86659FD93UL;
    private const int MinFilterBits = 12;
    private const int MaxFilterBits = 25;

    private readonly Sighting[] _sightings;
    private readonly ulong[] _filter;
    private readonly uint _filterWordMask;
    private readonly UInt128[] _slotRpi;
    private readonly int[] _slotGroup;
    private readonly int _tableShift;
    private readonly ulong _tableSeed;
    private readonly int[] _groupStart;
    private readonly int[] _members;
    private readonly int[] _memberHeardAt;

    /// <summary>Indexes <paramref name="sightings"/>; match results refer to them by their position in this span.</summary>
    public SightingIndex(ReadOnlySpan<Sighting> sightings)
    {
        _sightings = sightings.ToArray();
        _tableSeed = RandomSeed();

        // Group sightings by identifier, keeping each group in the caller's order.
        var groupOf = new int[_sightings.Length];
        var firstSeen = new Dictionary<UInt128, int>(_sightings.Length);
        var counts = new List<int>();
        for (var s = 0; s < _sightings.Length; s++)
        {
            var rpi = _sightings[s].Rpi.Value;
            if (!firstSeen.TryGetValue(rpi, out var group))
            {
                group = counts.Count;
                firstSeen.Add(rpi, group);
                counts.Add(0);
            }
            groupOf[s] = group;
            counts[group]++;
        }
        DistinctIdentifiers = counts.Count;
        _groupStart = new int[counts.Count + 1];
        for (var g = 0; g < counts.Count; g++)
        {
            _groupStart[g + 1] = _groupStart[g] + counts[g];
        }
        _members = new int[_sightings.Length];
        _memberHeardAt = new int[_sightings.Length];
        var fill = _groupStart[..^1];
        for (var s = 0; s < _sightings.Length; s++)
        {
            var at = fill[groupOf[s]]++;
            _members[at] = s;
            _memberHeardAt[at] = _sightings[s].HeardAt.Value;
        }

        var filterBits = Math.Clamp(BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, counts.Count))) + 7, MinFilterBits, MaxFilterBits);
        _filter = new ulong[1 << (filterBits - 6)];
        _filterWordMask = (uint)_filter.Length - 1;

        var tableBits = Math.Max(4, BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, counts.Count))) + 1);
        _slotRpi = new UInt128[1 << tableBits];
        _slotGroup = new int[1 << tableBits];
        _tableShift = 64 - tableBits;

        foreach (var (rpi, group) in firstSeen)
        {
            var low = unchecked((ulong)rpi);
            _filter[FilterWord(low) & _filterWordMask] |= FilterBit(low);
            var mask = _slotGroup.Length - 1;
            var slot = TableSlot(rpi);
            while (_slotGroup[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            _slotRpi[slot] = rpi;
            _slotGroup[slot] = group + 1;
        }
        BuildDayFilters();
    }

    /// <summary>Number of sightings indexed.</summary>
    public int Count => _sightings.Length;

    /// <summary>Number of distinct identifiers among them.</summary>
    public int DistinctIdentifiers { get; }

    /// <summary>The sightings, in the order given to the constructor.</summary>
    public ReadOnlySpan<Sighting> Sightings => _sightings;

    /// <summary>The sighting at <paramref name="index"/> (as reported in <see cref="SightingMatch.SightingIndex"/>).</summary>
    public Sighting this[int index] => _sightings[index];

    /// <summary>The filter's words and shift, for loops that hoist them out of the index.</summary>
    internal ulong[] FilterWords => _filter;

    internal uint FilterWordMask => _filterWordMask;

    /// <summary>
    /// The filter test on hoisted fields (<paramref name="low"/> is the identifier's first 8 bytes, little-endian):
    /// the word comes from bytes 4 to 7, the bit from the low six bits of byte 0. No bounds check: the mask keeps the
    /// word index in range by construction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool FilterHit(ref ulong words, uint mask, ulong low) =>
        (Unsafe.Add(ref words, (nint)(FilterWord(low) & mask)) & FilterBit(low)) != 0;

    /// <summary>The bits that choose an identifier's filter word (before the mask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint FilterWord(ulong low) => (uint)(low >> 32);

    /// <summary>The bit of its word an identifier sets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong FilterBit(ulong low) => 1UL << unchecked((int)(low & 63));

    /// <summary><c>FilterBits[b] == 1UL &lt;&lt; b</c>: the matcher looks the bit up rather than shifting, see <see cref="ExposureMatcher"/>.</summary>
    internal static ulong[] FilterBits { get; } = [.. Enumerable.Range(0, 64).Select(b => 1UL << b)];

    /// <summary>Whether the filter lets <paramref name="low"/> (the identifier's first 8 bytes, little-endian) through.</summary>
    internal bool MayContain(ulong low) => FilterHit(ref _filter[0], _filterWordMask, low);

    /// <summary>The group of sightings of <paramref name="rpi"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int FindGroup(UInt128 rpi)
    {
        var mask = _slotGroup.Length - 1;
        var slot = TableSlot(rpi);
        while (true)
        {
            var group = _slotGroup[slot];
            if (group == 0)
            {
                return -1;
            }
            if (_slotRpi[slot] == rpi)
            {
                return group - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>
    /// Reads the table slot where a lookup of <paramref name="rpi"/> starts, so that a lookup made a little later finds
    /// it in cache: the matcher touches a key's candidates, then looks them up after the next key's AES work.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Touch(UInt128 rpi) => _slotGroup[TableSlot(rpi)];

    /// <summary>Positions (into the member arrays) of the sightings of <paramref name="group"/>.</summary>
    internal (int Start, int End) GroupRange(int group) => (_groupStart[group], _groupStart[group + 1]);

    internal int MemberSighting(int position) => _members[position];

    internal int MemberHeardAt(int position) => _memberHeardAt[position];

    private int TableSlot(UInt128 rpi) => (int)(unchecked(((ulong)(rpi >> 64) ^ _tableSeed) * TableMultiplier) >> _tableShift);

    private static ulong RandomSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
