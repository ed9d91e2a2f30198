using Gardefou.Registry.Model;
using Gardefou.Registry.Schedules;

namespace Gardefou.Registry.Features.Search;

/// <summary>The descriptive part of a site, immutable; replaced whole when the site is edited.</summary>
internal sealed record SiteInfo(
    string Id,
    IReadOnlyList<string> ExternalIds,
    SiteKind Kind,
    string Name,
    string Street,
    string Postcode,
    string City,
    double Latitude,
    double Longitude,
    TimeZoneInfo TimeZone,
    string OpeningHours,
    WeeklySchedule Schedule,
    bool Wheelchair,
    bool WalkIn,
    bool DriveThrough,
    bool AppointmentRequired,
    IReadOnlyList<string> Languages,
    string Eligibility,
    string? BookingUrl,
    string? Phone,
    IReadOnlyList<ResourceType> Offers);
