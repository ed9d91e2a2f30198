using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Search;

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
    IReadOnlyList<CapacitySnapshot> Resources)
{
    /// <summary>A site in reach that offers the type searched but never reported it: unknown, not zero.</summary>
    public static SearchHit Unreported(IndexedSite site, double distanceKm, string type, bool? openNow) =>
        new(site, distanceKm, type, Available: null, Band: null, CheckedAt: null, Source: null, Stale: false, openNow, Resources: []);

    /// <summary>One site on its own (<c>/registry/v1/sites/{id}</c>): every resource, no distance, no summary.</summary>
    public static SearchHit WholeSite(IndexedSite site, bool? openNow, IReadOnlyList<CapacitySnapshot> resources) =>
        new(site, DistanceKm: 0, Type: "all", Available: null, Band: null, CheckedAt: null, Source: null, Stale: false, openNow, resources);
}
