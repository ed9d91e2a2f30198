using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Matching;

/// <summary>
/// When a sighting may count for a generated identifier: the replay and clock-drift rule of the GAEN reference
/// (<c>RollingProximityIdValidator</c>, <c>tkMatchingClockDriftRollingPeriods = 12</c>).
/// </summary>
/// <remarks>
/// The identifier of interval <c>j</c> (one of the 144 a key yields, <c>j = rollingStart + i</c>) accepts a sighting
/// heard at interval <c>h</c> exactly when <c>j - 12 &lt;= h &lt; min(j + 13, rollingStart + rollingPeriod)</c>:
/// two hours of clock drift either way, but never after the key stopped being used. The cap is the reference's
/// "ignore embargo near key edges" variant, taken here because a key cut short by a same-day release is public
/// soon after its end, and anybody could then broadcast its never-used later identifiers; without the cap those
/// forgeries would match. Identifiers with <c>i &gt;= rollingPeriod + 12</c> can therefore never match.
/// </remarks>
public static class MatchWindow
{
    /// <summary>Accepted clock drift, in intervals, either side of an identifier's own interval (two hours).</summary>
    public const int ClockDriftIntervals = 12;

    /// <summary>Whether a sighting heard at <paramref name="heardAt"/> counts for the identifier of <paramref name="rpiInterval"/>.</summary>
    public static bool Accepts(KeyValidity validity, EnIntervalNumber rpiInterval, EnIntervalNumber heardAt) =>
        Accepts((long)validity.RollingStart.Value + validity.RollingPeriod, rpiInterval.Value, heardAt.Value);

    /// <summary>The number of leading identifiers of a key that can match at all (144 for a full-day key).</summary>
    public static int MatchableIdentifiers(KeyValidity validity) =>
        Math.Min(EnIntervalNumber.IntervalsPerDay, validity.RollingPeriod + ClockDriftIntervals);

    // In long arithmetic so that absurd interval numbers from a hostile file cannot overflow.
    internal static bool Accepts(long keyEnd, long rpiInterval, long heardAt) =>
        heardAt >= rpiInterval - ClockDriftIntervals && heardAt < Math.Min(rpiInterval + ClockDriftIntervals + 1, keyEnd);
}
