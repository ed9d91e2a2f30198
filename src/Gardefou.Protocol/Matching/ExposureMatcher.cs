using System.Runtime.CompilerServices;
using Gardefou.Protocol.Keys;

namespace Gardefou.Protocol.Matching;

/// <summary>
/// Finds the sightings that belong to diagnosis keys: for each key, derive its RPIK once, generate its 144
/// identifiers and look each one up in a <see cref="SightingIndex"/>, keeping only sightings that
/// <see cref="MatchWindow"/> accepts. This is the client's hot path.
/// </summary>
/// <remarks>
/// On x86-64 with AVX-512 and AES-NI the keys are derived sixteen at a time with a multi-lane SHA-256 and the
/// identifiers encrypted eight blocks in flight; elsewhere a portable path gives the same answers.
/// Neither allocates per key: only adding matches to the destination list may allocate.
/// </remarks>
public static partial class ExposureMatcher
{
    /// <summary>Whether this processor runs the vectorized path.</summary>
    public static bool IsHardwareAccelerated => VectorizedSupported;

    /// <summary>Every match of <paramref name="keys"/> in <paramref name="index"/>, ordered by key, then identifier interval, then sighting.</summary>
    public static List<SightingMatch> Match(ReadOnlySpan<MatchKey> keys, SightingIndex index)
    {
        var matches = new List<SightingMatch>();
        Match(keys, index, matches);
        return matches;
    }

    /// <summary>Appends every match of <paramref name="keys"/> in <paramref name="index"/> to <paramref name="destination"/>; returns how many were added.</summary>
    public static int Match(ReadOnlySpan<MatchKey> keys, SightingIndex index, List<SightingMatch> destination) =>
        Match(keys, index, destination, MatcherPath.Auto);

    internal static int Match(ReadOnlySpan<MatchKey> keys, SightingIndex index, List<SightingMatch> destination, MatcherPath path)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(destination);
        var before = destination.Count;
        if (index.Count == 0 || keys.IsEmpty)
        {
            return 0;
        }
        if (path == MatcherPath.Vectorized && !VectorizedSupported)
        {
            throw new PlatformNotSupportedException("The vectorized matcher needs AVX-512 (F, BW) and AES-NI.");
        }
        if (path == MatcherPath.Vectorized || (path == MatcherPath.Auto && VectorizedSupported))
        {
            MatchVectorized(keys, index, destination);
        }
        else
        {
            MatchPortable(keys, index, destination);
        }
        return destination.Count - before;
    }

    /// <summary>Looks one generated identifier up and records the sightings its window accepts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Probe(SightingIndex index, int keyIndex, long keyEnd, long rpiInterval, UInt128 rpi, List<SightingMatch> destination)
    {
        var group = index.FindGroup(rpi);
        if (group < 0)
        {
            return;
        }
        var (start, end) = index.GroupRange(group);
        for (var p = start; p < end; p++)
        {
            if (MatchWindow.Accepts(keyEnd, rpiInterval, index.MemberHeardAt(p)))
            {
                destination.Add(new SightingMatch(keyIndex, index.MemberSighting(p), new Time.EnIntervalNumber((int)rpiInterval)));
            }
        }
    }

    /// <summary>Keys so close to the end of the 32-bit interval range that their identifiers' intervals would not exist.</summary>
    internal static bool IsOutOfRange(in MatchKey key) =>
        key.Validity.RollingStart.Value > int.MaxValue - KeySchedule.IdentifiersPerKey;
}
