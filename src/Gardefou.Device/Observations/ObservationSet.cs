using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Observations;

/// <summary>
/// Every stored scan instance in the compact form an exposure check needs: the sightings to index (identifier, interval
/// heard, position) and, by position, what scoring reads once a key matches. About 48 bytes per scan instance.
/// </summary>
internal sealed class ObservationSet
{
    private readonly Sighting[] _sightings;
    private readonly Details[] _details;

    public ObservationSet(Sighting[] sightings, Details[] details, int count)
    {
        _sightings = sightings;
        _details = details;
        Count = count;
    }

    /// <summary>Number of scan instances.</summary>
    public int Count { get; }

    /// <summary>The sightings, tagged with their position.</summary>
    public ReadOnlySpan<Sighting> Sightings => _sightings.AsSpan(0, Count);

    /// <summary>The scan instance at <paramref name="position"/>.</summary>
    public Observation this[int position]
    {
        get
        {
            ref readonly var d = ref _details[position];
            return new Observation(_sightings[position].Rpi, d.Aem, DateTimeOffset.FromUnixTimeSeconds(d.ScanTime), d.MaxRssiDbm, d.MeanRssiDbm, d.SecondsSinceLastScan);
        }
    }

    /// <summary>Builds the set row by row into arrays of the expected size (grown, should more rows come).</summary>
    internal sealed class Builder(int expected)
    {
        private Sighting[] _sightings = new Sighting[Math.Max(16, expected)];
        private Details[] _details = new Details[Math.Max(16, expected)];
        private int _count;

        public void Add(RollingProximityIdentifier rpi, AssociatedEncryptedMetadata aem, long scanTime, int maxRssi, int meanRssi, int secondsSinceLastScan)
        {
            if (_count == _sightings.Length)
            {
                Array.Resize(ref _sightings, _count * 2);
                Array.Resize(ref _details, _count * 2);
            }
            _sightings[_count] = new Sighting(rpi, EnIntervalNumber.FromTime(DateTimeOffset.FromUnixTimeSeconds(scanTime)), _count);
            _details[_count] = new Details(aem, scanTime, maxRssi, meanRssi, secondsSinceLastScan);
            _count++;
        }

        public ObservationSet Build() => new(_sightings, _details, _count);
    }

    /// <summary>What scoring needs beyond the sighting.</summary>
    internal readonly record struct Details(AssociatedEncryptedMetadata Aem, long ScanTime, int MaxRssiDbm, int MeanRssiDbm, int SecondsSinceLastScan);
}
