using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Tests.Matching;

/// <summary>Seeded random keys and sightings for matcher tests.</summary>
internal sealed class MatchingData(int seed)
{
    /// <summary>2026-11-14T00:00Z, a day-aligned interval.</summary>
    public const int Day0 = 2963232;

    private readonly Random _random = new(seed);

    public TemporaryExposureKey NextKey()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return TemporaryExposureKey.FromBytes(bytes);
    }

    public RollingProximityIdentifier NextRpi()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return RollingProximityIdentifier.FromBytes(bytes);
    }

    public int Next(int min, int max) => _random.Next(min, max);

    public MatchKey NextMatchKey(bool fullDay = true)
    {
        var start = new EnIntervalNumber(Day0 + (_random.Next(14) * 144));
        return new MatchKey(NextKey(), new KeyValidity(start, fullDay ? 144 : _random.Next(1, 145)));
    }

    public MatchKey[] Keys(int count, bool fullDay = true) => [.. Enumerable.Range(0, count).Select(_ => NextMatchKey(fullDay))];

    public Sighting NextRandomSighting(int tag = 0) =>
        new(NextRpi(), new EnIntervalNumber(Day0 + _random.Next(15 * 144)), tag);
}
