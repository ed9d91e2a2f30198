using System.Globalization;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;
using Gardefou.Registry.Search;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Registry.Features.Search;

/// <summary>Parses the search query string by hand so every bad value gets a precise 400, not a binder error.</summary>
internal static class SearchRequestParser
{
    public static bool TryParse(IQueryCollection q, FrenchGazetteer gazetteer, out SearchQuery query, out SearchPlace? place, out string error)
    {
        query = null!;
        place = null;
        error = "";
        double lat, lon;
        if (q.TryGetValue("place", out var placeText) && !string.IsNullOrWhiteSpace(placeText))
        {
            if (q.ContainsKey("lat") || q.ContainsKey("lon"))
            {
                error = "give either place or lat/lon, not both";
                return false;
            }
            if (gazetteer.Resolve(placeText.ToString()) is not { } found)
            {
                error = "unknown place: give a French postcode or commune name";
                return false;
            }
            (lat, lon) = (found.Latitude, found.Longitude);
            place = new SearchPlace(found.Code, found.Name, found.Latitude, found.Longitude, found.Approximate);
        }
        else if (!TryDouble(q, "lat", out lat) || !TryDouble(q, "lon", out lon) || !GeoMath.IsValid(lat, lon))
        {
            error = "lat (-90..90) and lon (-180..180) are required, or place";
            return false;
        }
        var radius = 10.0;
        if (q.ContainsKey("radiusKm") && (!TryDouble(q, "radiusKm", out radius) || radius <= 0 || radius > SearchQuery.MaxRadiusKm))
        {
            error = $"radiusKm must be a number above 0 and at most {SearchQuery.MaxRadiusKm}";
            return false;
        }
        var typeText = q["type"].ToString();
        ResourceCategory category;
        ResourceType? only = null;
        if (ResourceType.TryParse(typeText, out var specific))
        {
            category = specific.Category;
            only = specific;
        }
        else if (!Enum.TryParse(typeText, ignoreCase: true, out category) || !Enum.IsDefined(category) || !typeText.All(char.IsAsciiLetter))
        {
            error = "type must be test, mask or bed (or a precise type such as mask.ffp2)";
            return false;
        }
        var limit = 50;
        if (q.ContainsKey("limit") && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > SearchQuery.MaxLimit))
        {
            error = $"limit must be 1..{SearchQuery.MaxLimit}";
            return false;
        }
        if (!TryFlag(q, "availableNow", out var availableNow) || !TryFlag(q, "openNow", out var openNow) || !TryFlag(q, "wheelchair", out var wheelchair)
            || !TryFlag(q, "walkIn", out var walkIn) || !TryFlag(q, "driveThrough", out var driveThrough))
        {
            error = "availableNow, openNow, wheelchair, walkIn and driveThrough must be true or false";
            return false;
        }
        var language = q.TryGetValue("language", out var lang) && !string.IsNullOrEmpty(lang) ? lang.ToString() : null;
        if (language is { Length: > 8 })
        {
            error = "language must be a short language code such as fr or en";
            return false;
        }
        query = new SearchQuery(lat, lon, radius, category, only, availableNow, openNow, wheelchair, walkIn, driveThrough, language, limit);
        return true;
    }

    private static bool TryDouble(IQueryCollection q, string name, out double value) =>
        double.TryParse(q[name], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryFlag(IQueryCollection q, string name, out bool value)
    {
        value = false;
        return !q.TryGetValue(name, out var text) || string.IsNullOrEmpty(text) || bool.TryParse(text, out value);
    }
}
