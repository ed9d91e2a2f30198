using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Model;
using Gardefou.Registry.Schedules;
using Gardefou.Registry.Storage;

namespace Gardefou.Registry.Imports;

/// <summary>
/// A CSV of test sites (the santé.fr dataset's ideas): <c>id,name,kind,street,postcode,city,latitude,longitude,phone,
/// booking_url,pcr,antigen,wheelchair,walk_in,drive_through,appointment_required,languages,hours,external_id</c>.
/// Only id and name are required; pcr/antigen hold "yes" or a count available now.
/// </summary>
internal static class TestSitesCsvImporter
{
    public static (List<ImportedSite> Rows, List<ImportError> Errors) Parse(string text, DateTimeOffset now, Func<ResourceCategory, TimeSpan> ttl)
    {
        var rows = new List<ImportedSite>();
        var errors = new List<ImportError>();
        if (!CsvTable.Parse(text).TryGetValue(out var table, out var csvError))
        {
            errors.Add(new ImportError(1, csvError));
            return (rows, errors);
        }
        if (table.Column("id") < 0 || table.Column("name") < 0)
        {
            errors.Add(new ImportError(1, "the header must name at least the columns id and name"));
            return (rows, errors);
        }
        foreach (var (line, fields) in table.Rows)
        {
            string Get(string name) => table.Column(name) is var i and >= 0 && i < fields.Length ? fields[i].Trim() : "";
            if (fields.Length != table.Header.Length)
            {
                errors.Add(new ImportError(line, $"expected {table.Header.Length} fields, found {fields.Length}"));
                continue;
            }
            if (Row(Get, now, ttl).TryGetValue(out var imported, out var reason))
            {
                rows.Add(imported);
            }
            else
            {
                errors.Add(new ImportError(line, reason));
            }
        }
        return (rows, errors);
    }

    private static Outcome<ImportedSite, string> Row(Func<string, string> get, DateTimeOffset now, Func<ResourceCategory, TimeSpan> ttl)
    {
        var id = get("id");
        if (!ImportFields.IsValidId(id))
        {
            return Outcome.Fail("id must be 1-64 letters, digits, '-', '_', '.' or ':'");
        }
        var name = get("name");
        if (name.Length is 0 or > 200)
        {
            return Outcome.Fail("name is required (at most 200 characters)");
        }
        if (!ImportFields.TryKind(get("kind"), out var kind))
        {
            return Outcome.Fail("kind must be test-centre, pharmacy, hospital or vaccination-centre");
        }
        if (!ImportFields.Point(get("latitude"), get("longitude"), get("postcode"), get("city")).TryGetValue(out var coordinates, out var pointError))
        {
            return Outcome.Fail(pointError);
        }
        var (lat, lon) = coordinates;
        if (!ImportFields.TryBool(get("wheelchair"), out var wheelchair) || !ImportFields.TryBool(get("walk_in"), out var walkIn)
            || !ImportFields.TryBool(get("drive_through"), out var drive) || !ImportFields.TryBool(get("appointment_required"), out var appointment))
        {
            return Outcome.Fail("wheelchair, walk_in, drive_through and appointment_required must be yes/no");
        }
        var hours = get("hours");
        if (!WeeklySchedule.Parse(hours).TryGetValue(out _, out var hoursError))
        {
            return Outcome.Fail($"hours: {hoursError}");
        }
        var booking = get("booking_url");
        if (booking.Length > 0 && (!Uri.TryCreate(booking, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            return Outcome.Fail("booking_url must be an absolute http(s) URL");
        }
        var reports = new List<ValidatedUpdate>();
        var offers = new List<string>();
        foreach (var (column, typeName) in new[] { ("pcr", "test.pcr"), ("antigen", "test.antigen") })
        {
            var value = get(column).ToLowerInvariant();
            if (value is "" or "no" or "false" or "non")
            {
                continue;
            }
            offers.Add(typeName);
            if (value is "yes" or "true" or "oui")
            {
                continue;
            }
            if (!ImportFields.TryCount(value, out var count))
            {
                return Outcome.Fail($"{column} must be yes, no or a count of tests available");
            }
            var type = ResourceType.Parse(typeName);
            reports.Add(ValidatedUpdate.Count(type, count, now, now + ttl(type.Category)));
        }
        var external = get("external_id");
        return new ImportedSite(new SiteRow
        {
            Id = id,
            Name = name,
            Kind = kind,
            Street = get("street"),
            Postcode = get("postcode"),
            City = get("city"),
            Latitude = lat,
            Longitude = lon,
            Phone = get("phone") is { Length: > 0 } p ? p : null,
            BookingUrl = booking.Length > 0 ? booking : null,
            Wheelchair = wheelchair,
            WalkIn = walkIn,
            DriveThrough = drive,
            AppointmentRequired = appointment,
            Languages = [.. get("languages").Split(' ', StringSplitOptions.RemoveEmptyEntries)],
            OpeningHours = hours.Replace('|', '\n'),
            ExternalIds = external.Length > 0 ? [external] : [],
            Offers = offers,
        }, reports);
    }
}
