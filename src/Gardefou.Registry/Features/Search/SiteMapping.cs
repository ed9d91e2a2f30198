using Gardefou.Registry.Model;
using Gardefou.Registry.Schedules;
using Gardefou.Registry.Storage;

namespace Gardefou.Registry.Features.Search;

/// <summary>Stored rows to the immutable in-memory shapes.</summary>
internal static class SiteMapping
{
    public static SiteInfo ToInfo(SiteRow row, Dictionary<string, WeeklySchedule>? parsed = null) => new(
        row.Id, [.. row.ExternalIds], row.Kind, row.Name, row.Street, row.Postcode, row.City, row.Latitude, row.Longitude,
        FindZone(row.TimeZone), row.OpeningHours, Schedule(row.OpeningHours, parsed),
        row.Wheelchair, row.WalkIn, row.DriveThrough, row.AppointmentRequired, [.. row.Languages], row.Eligibility,
        row.BookingUrl, row.Phone,
        [.. row.Offers.Select(o => ResourceType.TryParse(o, out var t) ? t : (ResourceType?)null).OfType<ResourceType>().Distinct().OrderBy(t => t.Code)]);

    private static WeeklySchedule Schedule(string text, Dictionary<string, WeeklySchedule>? parsed)
    {
        if (parsed is not null && parsed.TryGetValue(text, out var known))
        {
            return known;
        }
        var schedule = WeeklySchedule.Parse(text).TryGetValue(out var s, out _) ? s : WeeklySchedule.Empty;
        parsed?.TryAdd(text, schedule);
        return schedule;
    }

    public static CapacitySnapshot ToSnapshot(ObservationRow row) => new(
        ResourceType.FromCode(row.Resource), row.Available, row.Band, row.Total, row.Basis, row.Closed, row.Method, row.Source,
        row.CheckedAt, row.ValidUntil, row.ChangedAt);

    public static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
