using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Search;

/// <summary>
/// A site as a grid cell holds it: what a query tests per candidate (point, cosine, offers, access) inline, so the
/// scan of a dense city touches one array and no site object until a site is among the nearest.
/// </summary>
internal readonly struct GridEntry
{
    public GridEntry(IndexedSite site)
    {
        var info = site.Info;
        Site = site;
        Latitude = info.Latitude;
        Longitude = info.Longitude;
        CosLatitude = GeoMath.CosLatitude(info.Latitude);
        var offers = 0;
        for (var i = 0; i < info.Offers.Count; i++)
        {
            offers |= 1 << info.Offers[i].Code;
        }
        Offers = offers;
        Access = (info.Wheelchair ? AccessWheelchair : 0) | (info.WalkIn ? AccessWalkIn : 0) | (info.DriveThrough ? AccessDriveThrough : 0);
    }

    public const int AccessWheelchair = 1;
    public const int AccessWalkIn = 2;
    public const int AccessDriveThrough = 4;

    public IndexedSite Site { get; }

    public double Latitude { get; }

    public double Longitude { get; }

    public double CosLatitude { get; }

    /// <summary>Bit <see cref="ResourceType.Code"/> set for each resource offered.</summary>
    public int Offers { get; }

    public int Access { get; }
}
