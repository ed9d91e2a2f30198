using Gardefou.Registry.Freshness;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Search;

/// <summary>Turns index hits into the wire shape; ages are computed against the injected clock.</summary>
internal static class SearchMapper
{
    public static SearchResult ToResult(SearchHit hit, DateTimeOffset now, FreshnessPolicy freshness)
    {
        var info = hit.Site.Info;
        return new SearchResult(
            info.Id, info.Name, info.Latitude, info.Longitude, Math.Round(hit.DistanceKm, 3), hit.Type,
            hit.Available, hit.Band is { } b ? Bands.ToWire(b) : null, hit.CheckedAt,
            hit.CheckedAt is { } at ? Age(now, at) : null, hit.Source, hit.Stale,
            KindName(info.Kind), Address(info), hit.OpenNow, info.Wheelchair, info.WalkIn, info.DriveThrough, info.AppointmentRequired,
            info.BookingUrl, info.Phone,
            [.. hit.Resources.Select(r => ToReport(r, now, freshness))]);
    }

    public static ResourceReport ToReport(CapacitySnapshot r, DateTimeOffset now, FreshnessPolicy freshness) => new(
        r.Type.Name, r.Available, r.EffectiveBand is { } band ? Bands.ToWire(band) : null, r.Total, r.Basis, r.Closed,
        r.CheckedAt, r.ValidUntil, r.ChangedAt, Age(now, r.CheckedAt), MethodName(r.Method), r.Source,
        freshness.IsStale(r.Type.Category, r.CheckedAt, r.ValidUntil, now));

    public static string Address(SiteInfo info) => $"{info.Street}, {info.Postcode} {info.City}".Trim(' ', ',');

    public static string KindName(SiteKind kind) => kind switch
    {
        SiteKind.Pharmacy => "pharmacy",
        SiteKind.TestCentre => "test-centre",
        SiteKind.Hospital => "hospital",
        _ => "vaccination-centre",
    };

    public static string MethodName(ObservationMethod method) => method switch
    {
        ObservationMethod.SiteApi => "site-api",
        ObservationMethod.SiteForm => "site-form",
        ObservationMethod.Import => "import",
        _ => "demo",
    };

    private static long Age(DateTimeOffset now, DateTimeOffset at) => Math.Max(0, (long)(now - at).TotalSeconds);
}
