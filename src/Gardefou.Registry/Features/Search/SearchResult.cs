namespace Gardefou.Registry.Features.Search;

/// <summary>One site in a search answer. The first fields are the agreed contract; the rest are additions.</summary>
public sealed record SearchResult(
    string SiteId,
    string Name,
    double Latitude,
    double Longitude,
    double DistanceKm,
    string Type,
    int? Available,
    string? Band,
    DateTimeOffset? CheckedAt,
    long? AgeSeconds,
    string? Source,
    bool Stale,
    string Kind,
    string Address,
    bool? OpenNow,
    bool Wheelchair,
    bool WalkIn,
    bool DriveThrough,
    bool AppointmentRequired,
    string? BookingUrl,
    string? Phone,
    IReadOnlyList<ResourceReport> Resources);
