using Gardefou.Registry.Model;

namespace Gardefou.Registry.Search;

/// <summary>One site in a search answer, with the age and source of its number.</summary>
internal sealed record SearchHit(
    IndexedSite Site,
    double DistanceKm,
    string Type,
    int? Available,
    AvailabilityBand? Band,
    DateTimeOffset? CheckedAt,
    string? Source,
    bool Stale,
    bool? OpenNow,
    IReadOnlyList<CapacitySnapshot> Resources);
