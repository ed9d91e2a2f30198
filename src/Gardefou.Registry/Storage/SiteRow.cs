using Gardefou.Registry.Model;

namespace Gardefou.Registry.Storage;

/// <summary>A site as stored. The id is ours and never reused; external ids (<c>authority:id</c>) tie it to other systems.</summary>
internal sealed class SiteRow
{
    public required string Id { get; set; }
    public List<string> ExternalIds { get; set; } = [];
    public SiteKind Kind { get; set; }
    public required string Name { get; set; }
    public string Street { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string City { get; set; } = "";
    public string? CommuneCode { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Weekly schedule in the RRULE-like text form of <see cref="Schedules.WeeklySchedule"/>.</summary>
    public string OpeningHours { get; set; } = "";
    public bool Wheelchair { get; set; }
    public bool WalkIn { get; set; }
    public bool DriveThrough { get; set; }
    public bool AppointmentRequired { get; set; }
    public List<string> Languages { get; set; } = [];

    /// <summary>Resource types offered (wire names); a report for another type adds it.</summary>
    public List<string> Offers { get; set; } = [];
    public string Eligibility { get; set; } = "";
    public string? BookingUrl { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
