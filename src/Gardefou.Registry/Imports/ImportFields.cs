using System.Globalization;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Imports;

/// <summary>Field parsers shared by the importers; each returns a reason a person can act on.</summary>
internal static class ImportFields
{
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "0" or "no" or "false" or "non" or "n": value = false; return true;
            case "1" or "yes" or "true" or "oui" or "y": value = true; return true;
            default: value = false; return false;
        }
    }

    public static bool TryKind(string text, out SiteKind kind)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "test-centre" or "test_centre" or "laboratory" or "lab": kind = SiteKind.TestCentre; return true;
            case "pharmacy" or "pharmacie": kind = SiteKind.Pharmacy; return true;
            case "hospital" or "hopital" or "hôpital": kind = SiteKind.Hospital; return true;
            case "vaccination-centre" or "vaccination": kind = SiteKind.VaccinationCentre; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>Coordinates from the row, or from the postcode/city through the gazetteer when the row has none.</summary>
    public static Outcome<(double Latitude, double Longitude), string> Point(string lat, string lon, string postcode, string city)
    {
        if (lat.Length > 0 || lon.Length > 0)
        {
            if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                | !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) || !GeoMath.IsValid(latitude, longitude))
            {
                return Outcome.Fail("latitude/longitude must be decimal degrees (-90..90, -180..180)");
            }
            return (latitude, longitude);
        }
        var place = FrenchGazetteer.Shared.Resolve(postcode) ?? FrenchGazetteer.Shared.Resolve(city);
        if (place is null)
        {
            return Outcome.Fail("no coordinates, and neither postcode nor city is in the gazetteer");
        }
        return (place.Latitude, place.Longitude);
    }

    public static bool TryCount(string text, out int? count)
    {
        count = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000)
        {
            count = n;
            return true;
        }
        return false;
    }
}
