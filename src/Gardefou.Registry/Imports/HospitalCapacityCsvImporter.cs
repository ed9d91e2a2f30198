using System.Globalization;
using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;

namespace Gardefou.Registry.Imports;

/// <summary>
/// HHS "COVID-19 Reported Patient Impact and Hospital Capacity by Facility"-style CSV: <c>hospital_pk,
/// hospital_name, address, city, zip, collection_week, total_beds_7_day_avg, inpatient_beds_used_7_day_avg,
/// total_icu_beds_7_day_avg, icu_beds_used_7_day_avg</c> and <c>geocoded_hospital_address</c> (<c>POINT (lon lat)</c>)
/// or latitude/longitude. HHS writes -999999 for a suppressed small count (1 to 3): the free-bed number is then
/// unknown and only a band is kept. Weekly averages are old by nature, so most land stale: that is the truth.
/// </summary>
internal static class HospitalCapacityCsvImporter
{
    private const string Suppressed = "-999999";

    public static (List<ImportedSite> Rows, List<ImportError> Errors) Parse(string text, DateTimeOffset now)
    {
        var rows = new List<ImportedSite>();
        var errors = new List<ImportError>();
        if (!CsvTable.Parse(text).TryGetValue(out var table, out var csvError))
        {
            errors.Add(new ImportError(1, csvError));
            return (rows, errors);
        }
        foreach (var required in new[] { "hospital_pk", "hospital_name", "collection_week" })
        {
            if (table.Column(required) < 0)
            {
                errors.Add(new ImportError(1, $"the header must have the column {required}"));
                return (rows, errors);
            }
        }
        foreach (var (line, fields) in table.Rows)
        {
            string Get(string name) => table.Column(name) is var i and >= 0 && i < fields.Length ? fields[i].Trim() : "";
            if (fields.Length != table.Header.Length)
            {
                errors.Add(new ImportError(line, $"expected {table.Header.Length} fields, found {fields.Length}"));
                continue;
            }
            if (Row(Get, now).TryGetValue(out var imported, out var reason))
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

    private static Outcome<ImportedSite, string> Row(Func<string, string> get, DateTimeOffset now)
    {
        var pk = get("hospital_pk");
        if (!ImportFields.IsValidId(pk) || pk.Length > 50)
        {
            return Outcome.Fail("hospital_pk must be 1-50 letters or digits");
        }
        var name = get("hospital_name");
        if (name.Length is 0 or > 200)
        {
            return Outcome.Fail("hospital_name is required");
        }
        if (!DateOnly.TryParse(get("collection_week").Replace('/', '-'), CultureInfo.InvariantCulture, out var week))
        {
            return Outcome.Fail("collection_week must be a date (YYYY-MM-DD or YYYY/MM/DD)");
        }
        var (lat, lon) = (get("latitude"), get("longitude"));
        var point = get("geocoded_hospital_address");
        if (point.StartsWith("POINT", StringComparison.OrdinalIgnoreCase))
        {
            var inner = point[5..].Trim().Trim('(', ')').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (inner.Length != 2)
            {
                return Outcome.Fail("geocoded_hospital_address must be POINT (lon lat)");
            }
            (lon, lat) = (inner[0], inner[1]);
        }
        if (!ImportFields.Point(lat, lon, get("zip"), get("city")).TryGetValue(out var coordinates, out var pointError))
        {
            return Outcome.Fail(pointError);
        }
        var (latitude, longitude) = coordinates;
        // The week's averages describe its last day at best.
        var checkedAt = new DateTimeOffset(week.AddDays(6).ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero);
        if (checkedAt > now)
        {
            checkedAt = now;
        }
        var reports = new List<ValidatedUpdate>();
        foreach (var (total, used, typeName) in new[] { ("total_beds_7_day_avg", "inpatient_beds_used_7_day_avg", "bed.general"), ("total_icu_beds_7_day_avg", "icu_beds_used_7_day_avg", "bed.icu") })
        {
            var (totalText, usedText) = (get(total), get(used));
            if (totalText.Length == 0)
            {
                continue;
            }
            if (!TryAverage(totalText, out var totalBeds) || !TryAverage(usedText, out var usedBeds))
            {
                return Outcome.Fail($"{total} and {used} must be numbers (or -999999 when suppressed)");
            }
            if (totalBeds is { } t && usedBeds is { } u && u > t + 0.5)
            {
                return Outcome.Fail($"{used} exceeds {total}");
            }
            var type = ResourceType.Parse(typeName);
            int? available = totalBeds is { } tb && usedBeds is { } ub ? (int)Math.Round(tb - ub) : null;
            AvailabilityBand? band = available is null ? (totalBeds is null ? AvailabilityBand.Low : Bands.FromCount((int)Math.Round(totalBeds.Value) - 3)) : null;
            reports.Add(new ValidatedUpdate(type, available, band, Total: totalBeds is { } x ? (int)Math.Round(x) : null, Basis: "staffed", Closed: false,
                checkedAt, checkedAt + TimeSpan.FromDays(7)));
        }
        return new ImportedSite(new SiteRow
        {
            Id = $"hhs-{pk}",
            Name = name,
            Kind = SiteKind.Hospital,
            Street = get("address"),
            Postcode = get("zip"),
            City = get("city"),
            Latitude = latitude,
            Longitude = longitude,
            ExternalIds = [$"hhs:{pk}", .. get("ccn") is { Length: > 0 } ccn ? new[] { $"ccn:{ccn}" } : []],
            OpeningHours = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;OPENS=00:00;CLOSES=24:00",
        }, reports);
    }

    private static bool TryAverage(string text, out double? value)
    {
        value = null;
        if (text == Suppressed)
        {
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v is >= 0 and <= 100_000)
        {
            value = v;
            return true;
        }
        return false;
    }
}
