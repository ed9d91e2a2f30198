using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;

namespace Gardefou.Registry.Tests.Support;

/// <summary>Hand-placed sites around Lyon (Place Bellecour is 45.7578, 4.8320) for exact expectations.</summary>
internal static class Sites
{
    public static SiteRow At(string id, double lat, double lon, params string[] offers) => new()
    {
        Id = id,
        Name = $"Site {id}",
        Kind = offers.Any(o => o.StartsWith("bed", StringComparison.Ordinal)) ? SiteKind.Hospital : SiteKind.Pharmacy,
        Street = "1 rue de la République",
        Postcode = "69002",
        City = "Lyon",
        Latitude = lat,
        Longitude = lon,
        OpeningHours = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;OPENS=08:00;CLOSES=20:00",
        Wheelchair = id.EndsWith('w'),
        Offers = [.. offers],
        Languages = ["fr"],
    };
}
