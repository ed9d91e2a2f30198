using System.Globalization;

namespace Gardefou.Registry.Features.Search;

/// <summary>
/// A publication tile of <see cref="SizeDegrees"/>° (about 28 × 19 km in France), named by the integer indices of its
/// south-west corner: tile <c>183_19</c> covers 45.75–46.00°N, 4.75–5.00°E. Small enough that a busy city's tile
/// stays light to rewrite and to download; a searcher fetches a block of at least 3 × 3, so the server learns a
/// region of some 80 km, never a point.
/// </summary>
internal readonly record struct TileKey(int Lat, int Lon)
{
    public const double SizeDegrees = 0.25;

    /// <summary>Grid cells per tile side: tiles are whole blocks of index cells, computed from the cell so both agree.</summary>
    public const int CellsPerSide = 5;

    public static TileKey Of(double latitude, double longitude) =>
        new(FloorDiv(SiteIndex.CellIndex(latitude)), FloorDiv(SiteIndex.CellIndex(Math.Clamp(longitude, -180, 179.999999))));

    private static int FloorDiv(int cell) => (int)Math.Floor(cell / (double)CellsPerSide);

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Lat}_{Lon}.json");
}
