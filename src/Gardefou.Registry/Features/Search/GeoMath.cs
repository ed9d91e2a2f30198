namespace Gardefou.Registry.Features.Search;

/// <summary>Great-circle distances on a spherical Earth: metres of error at the radii people search.</summary>
internal static class GeoMath
{
    public const double EarthRadiusKm = 6371.0088;
    public const double KmPerDegreeLatitude = 111.195;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2) =>
        DistanceKm(Haversine(lat1, lon1, CosLatitude(lat1), lat2, lon2, CosLatitude(lat2)));

    /// <summary>The cosine of a latitude; the index keeps it per site so a query computes it once, not per candidate.</summary>
    public static double CosLatitude(double latitude) => Math.Cos(double.DegreesToRadians(latitude));

    /// <summary>
    /// The haversine term: distance grows with it, so a candidate can be rejected on it before the arcsine. Both the
    /// grid and the scan go through this one function, so their distances are bit for bit the same.
    /// </summary>
    public static double Haversine(double lat1, double lon1, double cosLat1, double lat2, double lon2, double cosLat2)
    {
        var sinLat = Math.Sin(double.DegreesToRadians(lat2 - lat1) / 2);
        var sinLon = Math.Sin(double.DegreesToRadians(lon2 - lon1) / 2);
        return (sinLat * sinLat) + (cosLat1 * cosLat2 * sinLon * sinLon);
    }

    public static double DistanceKm(double haversine) => 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(haversine)));

    /// <summary>
    /// A haversine term above which a point is surely farther than <paramref name="radiusKm"/>; the slack covers
    /// rounding, and the exact distance still decides for points below it.
    /// </summary>
    public static double HaversineBound(double radiusKm)
    {
        var s = Math.Sin(Math.Min(Math.PI / 2, radiusKm / (2 * EarthRadiusKm)));
        return (s * s * (1 + 1e-9)) + 1e-15;
    }

    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;
}
