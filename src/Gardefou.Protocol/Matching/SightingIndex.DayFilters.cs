using System.Numerics;
using System.Runtime.CompilerServices;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Matching;

/// <summary>
/// One small bit filter per day besides the global one. A day-aligned key can only match sightings heard in its
/// day or in the twelve intervals before it (the clock-drift window), so its identifiers are tested against that
/// day's filter: for a phone's 14 days, each day's filter is about 32 KB and stays in the first-level cache while the
/// matcher works through that day's keys, where the global filter (one day's worth times fourteen) would not.
/// </summary>
public sealed partial class SightingIndex
{
    // Beyond this span of days (a phone keeps 14) the per-day filters would cost more memory than they save time.
    private const int MaxFilterDays = 64;

    private ulong[] _dayFilter = [];
    private int _firstFilterDay;
    private int _filterDays;
    private int _dayWordsLog2;
    private uint _dayWordMask;
    private long _firstHeard;
    private long _lastHeard;

    /// <summary>Number of per-day filters (0 when the sightings span too many days for them).</summary>
    internal int FilterDays => _filterDays;

    /// <summary>All per-day filters, day after day, each <c>1 &lt;&lt; DayWordsLog2</c> words.</summary>
    internal ulong[] DayFilterWords => _dayFilter;

    internal int DayWordsLog2 => _dayWordsLog2;

    internal uint DayWordMask => _dayWordMask;

    /// <summary>
    /// Which filter serves a key: the index of its day filter, <c>-1</c> for the global filter (keys that do not
    /// start on a day boundary or last longer than a day), or <c>-2</c> when no sighting falls in the key's window
    /// and the key cannot match at all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int FilterOf(KeyValidity validity)
    {
        long start = validity.RollingStart.Value;
        if (_sightings.Length == 0 || start + validity.RollingPeriod <= _firstHeard || start - MatchWindow.ClockDriftIntervals > _lastHeard)
        {
            return -2;
        }
        if (_filterDays == 0 || start % EnIntervalNumber.IntervalsPerDay != 0 || validity.RollingPeriod > EnIntervalNumber.IntervalsPerDay)
        {
            return -1;
        }
        var day = (start / EnIntervalNumber.IntervalsPerDay) - _firstFilterDay;
        return day >= 0 && day < _filterDays ? (int)day : -2;
    }

    private void BuildDayFilters()
    {
        if (_sightings.Length == 0)
        {
            return;
        }
        _firstHeard = long.MaxValue;
        _lastHeard = long.MinValue;
        foreach (var sighting in _sightings)
        {
            _firstHeard = Math.Min(_firstHeard, sighting.HeardAt.Value);
            _lastHeard = Math.Max(_lastHeard, sighting.HeardAt.Value);
        }
        var firstDay = DayOf(_firstHeard);
        var lastDay = DayOf(_lastHeard + MatchWindow.ClockDriftIntervals);
        if (lastDay - firstDay + 1 > MaxFilterDays)
        {
            return;
        }
        _firstFilterDay = (int)firstDay;
        _filterDays = (int)(lastDay - firstDay + 1);

        // Sized like the global filter, from the busiest day: 128 to 256 bits per identifier.
        Span<int> perDay = stackalloc int[_filterDays];
        foreach (var sighting in _sightings)
        {
            var (day, alsoNext) = DaysOf(sighting.HeardAt.Value);
            perDay[day]++;
            if (alsoNext)
            {
                perDay[day + 1]++;
            }
        }
        var busiest = 0;
        foreach (var count in perDay)
        {
            busiest = Math.Max(busiest, count);
        }
        var bits = Math.Clamp(BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, busiest))) + 7, MinFilterBits, MaxFilterBits);
        _dayWordsLog2 = bits - 6;
        _dayWordMask = (1u << _dayWordsLog2) - 1;
        _dayFilter = new ulong[_filterDays << _dayWordsLog2];
        foreach (var sighting in _sightings)
        {
            var low = unchecked((ulong)sighting.Rpi.Value);
            var (day, alsoNext) = DaysOf(sighting.HeardAt.Value);
            _dayFilter[(day << _dayWordsLog2) + (int)(FilterWord(low) & _dayWordMask)] |= FilterBit(low);
            if (alsoNext)
            {
                _dayFilter[((day + 1) << _dayWordsLog2) + (int)(FilterWord(low) & _dayWordMask)] |= FilterBit(low);
            }
        }
    }

    /// <summary>The day filter a sighting goes in, and whether it also goes in the next day's (heard in its drift window).</summary>
    private (int Day, bool AlsoNext) DaysOf(long heardAt)
    {
        var day = DayOf(heardAt);
        var intervalOfDay = heardAt - (day * EnIntervalNumber.IntervalsPerDay);
        return ((int)(day - _firstFilterDay), intervalOfDay >= EnIntervalNumber.IntervalsPerDay - MatchWindow.ClockDriftIntervals);
    }

    private static long DayOf(long interval)
    {
        var day = interval / EnIntervalNumber.IntervalsPerDay;
        return interval % EnIntervalNumber.IntervalsPerDay < 0 ? day - 1 : day;
    }
}
