using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gardefou.Protocol.Crypto;
using Gardefou.Protocol.Keys;

namespace Gardefou.Protocol.Matching;

public static partial class ExposureMatcher
{
    private static bool VectorizedSupported => Sha256x16.IsSupported && AesNi128.IsSupported;

    /// <summary>
    /// Sixteen keys at a time: their RPIKs through the multi-lane HKDF, their sixteen AES key schedules expanded
    /// together (each is a chain of dependent steps; sixteen chains overlap), then per key its identifiers encrypted
    /// eight at a time and tested against a bit filter as they come out. Keys are taken day by day, so that the
    /// filter tested is their day's, small enough to stay in the first-level cache; keys whose window holds no
    /// sighting are skipped. Only the rare identifiers that pass the filter reach the exact table, after the key's
    /// loop, so that the loop itself never calls out; the matches are put back in key order at the end.
    /// (Slipping the next batch's SHA-256 rounds between AES groups, to use the execution port AES leaves idle, was
    /// measured slower: the state round-trips through memory and the calls cost more than the overlap gained.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatchVectorized(ReadOnlySpan<MatchKey> keys, SightingIndex index, List<SightingMatch> destination)
    {
        // Chunks keep the ordering buffer on the stack; a chunk still holds hundreds of keys of each day.
        const int Chunk = 4096;
        var before = destination.Count;
        Span<int> order = stackalloc int[Chunk];
        Span<short> filters = stackalloc short[Chunk];
        Span<short> orderedFilters = stackalloc short[Chunk];
        for (var from = 0; from < keys.Length; from += Chunk)
        {
            var chunk = keys.Slice(from, Math.Min(Chunk, keys.Length - from));
            var count = OrderByFilter(chunk, index, filters, order, orderedFilters);
            MatchInOrder(chunk, from, order[..count], orderedFilters[..count], index, destination);
        }
        CollectionsMarshal.AsSpan(destination)[before..].Sort(s_matchOrder);
    }

    private static readonly Comparison<SightingMatch> s_matchOrder = static (a, b) =>
        a.KeyIndex != b.KeyIndex ? a.KeyIndex.CompareTo(b.KeyIndex)
        : a.RpiInterval.Value != b.RpiInterval.Value ? a.RpiInterval.Value.CompareTo(b.RpiInterval.Value)
        : a.SightingIndex.CompareTo(b.SightingIndex);

    /// <summary>
    /// Writes the indexes of the keys that can match to <paramref name="order"/>, grouped by the filter that serves
    /// them (day filters in day order, then the global filter), in key order within a group, and each one's filter
    /// (<see cref="SightingIndex.FilterOf"/>) to <paramref name="orderedFilters"/>; returns how many.
    /// </summary>
    private static int OrderByFilter(ReadOnlySpan<MatchKey> keys, SightingIndex index, Span<short> filters, Span<int> order, Span<short> orderedFilters)
    {
        // Counting sort on the filter number: day d goes in bucket d, the global filter in the last bucket.
        var global = index.FilterDays;
        Span<int> next = stackalloc int[global + 2];
        for (var k = 0; k < keys.Length; k++)
        {
            var filter = IsOutOfRange(keys[k]) ? -2 : index.FilterOf(keys[k].Validity);
            filters[k] = (short)filter;
            if (filter != -2)
            {
                next[(filter == -1 ? global : filter) + 1]++;
            }
        }
        for (var b = 1; b < next.Length; b++)
        {
            next[b] += next[b - 1];
        }
        for (var k = 0; k < keys.Length; k++)
        {
            var filter = filters[k];
            if (filter != -2)
            {
                var at = next[filter == -1 ? global : filter]++;
                order[at] = k;
                orderedFilters[at] = filter;
            }
        }
        return next[global + 1];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatchInOrder(ReadOnlySpan<MatchKey> keys, int firstKeyIndex, ReadOnlySpan<int> order, ReadOnlySpan<short> filters, SightingIndex index, List<SightingMatch> destination)
    {
        Span<UInt128> teks = stackalloc UInt128[Sha256x16.Lanes];
        Span<UInt128> rpiks = stackalloc UInt128[Sha256x16.Lanes];
        Span<byte> candidates = stackalloc byte[KeySchedule.IdentifiersPerKey + 8];
        var schedules = default(AesRoundKeys16);
        var rpis = default(KeyIdentifiers);
        var pending = new PendingProbes(stackalloc UInt128[KeySchedule.IdentifiersPerKey], stackalloc byte[KeySchedule.IdentifiersPerKey]);
        ref var globalFilter = ref MemoryMarshal.GetArrayDataReference(index.FilterWords);
        var globalMask = index.FilterWordMask;
        var dayFilters = index.DayFilterWords;
        var dayWordsLog2 = index.DayWordsLog2;
        var dayMask = index.DayWordMask;
        ref var bits = ref MemoryMarshal.GetArrayDataReference(SightingIndex.FilterBits);

        for (var batch = 0; batch < order.Length; batch += Sha256x16.Lanes)
        {
            var lanes = Math.Min(Sha256x16.Lanes, order.Length - batch);
            teks.Clear();
            for (var l = 0; l < lanes; l++)
            {
                teks[l] = keys[order[batch + l]].Key.Value;
            }
            Sha256x16.DeriveRpiks(teks, rpiks);
            for (var l = 0; l < lanes; l++)
            {
                AesNi128.ExpandKey(rpiks[l], ref schedules[l]);
            }

            for (var l = 0; l < lanes; l++)
            {
                var k = order[batch + l];
                ref readonly var key = ref keys[k];
                int day = filters[batch + l];
                ref var filter = ref day >= 0 ? ref dayFilters[day << dayWordsLog2] : ref globalFilter;
                var mask = day >= 0 ? dayMask : globalMask;
                var count = MatchWindow.MatchableIdentifiers(key.Validity);
                var start = key.Validity.RollingStart.Value;
                var found = EncryptAndFilter(in schedules[l], (uint)start, count, ref rpis[0], ref filter, mask, ref bits, ref candidates[0]);

                // A candidate's table slot is usually not in cache: look the previous key's candidates up now, and only
                // touch this key's, to look them up after the next key's AES work has hidden the memory latency.
                pending.ProbeAll(index, destination);
                pending.Reset(firstKeyIndex + k, start, start + key.Validity.RollingPeriod);
                for (var c = 0; c < found; c++)
                {
                    int i = candidates[c];
                    if (i < count)
                    {
                        pending.Add(index, (byte)i, Unsafe.BitCast<Vector128<byte>, UInt128>(rpis[i]));
                    }
                }
            }
        }
        pending.ProbeAll(index, destination);
    }

    /// <summary>
    /// Encrypts the first <paramref name="count"/> identifiers (rounded up to eight) into <paramref name="rpis"/> and
    /// writes the positions that pass the filter to <paramref name="candidates"/>; returns how many did.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static int EncryptAndFilter(
        ref readonly AesRoundKeys roundKeys, uint start, int count, ref Vector128<byte> rpis, ref ulong filter, uint mask, ref ulong bits, ref byte candidates)
    {
        unchecked
        {
            var counter = AesNi128.PaddedData(start);
            var found = 0;
            for (var i = 0; i < count; i += 8)
            {
                ref var group = ref Unsafe.Add(ref rpis, i);
                AesNi128.EncryptIntervals8(in roundKeys, ref counter, ref group);
                // The low 8 bytes of each identifier are read back from memory: a scalar load, rather than a
                // vector-to-register move that would compete with aesenc for its execution ports.
                ref var low = ref Unsafe.As<Vector128<byte>, ulong>(ref group);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 0), i, ref candidates, found);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 2), i + 1, ref candidates, found);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 4), i + 2, ref candidates, found);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 6), i + 3, ref candidates, found);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 8), i + 4, ref candidates, found);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 10), i + 5, ref candidates, found);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 12), i + 6, ref candidates, found);
                found = Test(ref filter, mask, ref bits, ref Unsafe.Add(ref low, 14), i + 7, ref candidates, found);
            }
            return found;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Test(ref ulong filter, uint mask, ref ulong bits, ref ulong low, int position, ref byte candidates, int found)
    {
        unchecked
        {
            // The word index is bytes 4 to 7 of the identifier and the bit comes from a table indexed by byte 0: loads
            // and ANDs only. Shifts and bit tests would run on the execution ports aesenc needs, and cost a tenth of
            // the key's time. A branch, not a branch-free store: hits are rare (under 1%), so it is nearly always predicted.
            var word = Unsafe.Add(ref filter, (nint)(Unsafe.Add(ref Unsafe.As<ulong, uint>(ref low), 1) & mask));
            if ((word & Unsafe.Add(ref bits, (nint)(Unsafe.As<ulong, byte>(ref low) & 63u))) != 0)
            {
                Unsafe.Add(ref candidates, found) = (byte)position;
                found++;
            }
            return found;
        }
    }
}
