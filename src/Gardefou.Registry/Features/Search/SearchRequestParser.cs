using System.Globalization;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Registry.Features.Search;

/// <summary>
/// The one parser of a search's query string (API and plain-HTML page): by hand, so every bad value gets a precise
/// message, not a binder error. A default category lets a form that always sends a type be lenient
/// on its first, empty visit; the API passes none and requires <c>type</c>.
/// </summary>
internal static class SearchRequestParser
{
    public static Outcome<SearchRequest, SearchRefusal> Parse(IQueryCollection q, FrenchGazetteer gazetteer, ResourceCategory? defaultCategory = null)
    {
        double lat, lon;
        SearchPlace? place = null;
        if (q.TryGetValue("place", out var placeText) && !string.IsNullOrWhiteSpace(placeText))
        {
            if (q.ContainsKey("lat") || q.ContainsKey("lon"))
            {
                return Outcome.Fail(new SearchRefusal("give either place or lat/lon, not both"));
            }
            if (gazetteer.Resolve(placeText.ToString()) is not { } found)
            {
                return Outcome.Fail(new SearchRefusal("unknown place: give a French postcode or commune name", UnknownPlace: true));
            }
            (lat, lon) = (found.Latitude, found.Longitude);
            place = new SearchPlace(found.Code, found.Name, found.Latitude, found.Longitude, found.Approximate);
        }
        else if (!TryDouble(q, "lat", out lat) || !TryDouble(q, "lon", out lon) || !GeoMath.IsValid(lat, lon))
        {
            return Outcome.Fail(new SearchRefusal("lat (-90..90) and lon (-180..180) are required, or place"));
        }
        var radius = SearchDefaults.RadiusKm;
        if (q.ContainsKey("radiusKm") && (!TryDouble(q, "radiusKm", out radius) || radius <= 0 || radius > SearchDefaults.MaxRadiusKm))
        {
            return Outcome.Fail(new SearchRefusal($"radiusKm must be a number above 0 and at most {SearchDefaults.MaxRadiusKm}"));
        }
        var typeText = q["type"].ToString();
        ResourceCategory category;
        ResourceType? only = null;
        if (ResourceType.TryParse(typeText, out var specific))
        {
            category = specific.Category;
            only = specific;
        }
        else if (typeText.Length == 0 && defaultCategory is { } fallback)
        {
            category = fallback;
        }
        else if (!Enum.TryParse(typeText, ignoreCase: true, out category) || !Enum.IsDefined(category) || !typeText.All(char.IsAsciiLetter))
        {
            return Outcome.Fail(new SearchRefusal("type must be test, mask or bed (or a precise type such as mask.ffp2)"));
        }
        var limit = SearchDefaults.Limit;
        if (q.ContainsKey("limit") && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > SearchDefaults.MaxLimit))
        {
            return Outcome.Fail(new SearchRefusal($"limit must be 1..{SearchDefaults.MaxLimit}"));
        }
        if (!TryFlag(q, "availableNow", out var availableNow) || !TryFlag(q, "openNow", out var openNow) || !TryFlag(q, "wheelchair", out var wheelchair)
            || !TryFlag(q, "walkIn", out var walkIn) || !TryFlag(q, "driveThrough", out var driveThrough))
        {
            return Outcome.Fail(new SearchRefusal("availableNow, openNow, wheelchair, walkIn and driveThrough must be true or false"));
        }
        var language = q.TryGetValue("language", out var lang) && !string.IsNullOrEmpty(lang) ? lang.ToString() : null;
        if (language is { Length: > 8 })
        {
            return Outcome.Fail(new SearchRefusal("language must be a short language code such as fr or en"));
        }
        var query = new SearchQuery(lat, lon, radius, category, only, AvailableNow: availableNow, OpenNow: openNow, Wheelchair: wheelchair,
            WalkIn: walkIn, DriveThrough: driveThrough, Language: language, Limit: limit);
        return new SearchRequest(query, place);
    }

    private static bool TryDouble(IQueryCollection q, string name, out double value) =>
        double.TryParse(q[name], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryFlag(IQueryCollection q, string name, out bool value)
    {
        value = false;
        return !q.TryGetValue(name, out var text) || string.IsNullOrEmpty(text) || bool.TryParse(text, out value);
    }
}
