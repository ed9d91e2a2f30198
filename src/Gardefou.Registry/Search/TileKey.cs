using System.Globalization;

namespace Gardefou.Registry.Search;

/// <summary>A 1°×1° publication tile, named by its south-west corner (e.g. <c>45_4</c> holds 45..46°N, 4..5°E).</summary>
internal readonly record struct TileKey(int Lat, int Lon)
{
    public static TileKey Of(double latitude, double longitude) =>
        new((int)Math.Floor(latitude), (int)Math.Floor(Math.Clamp(longitude, -180, 179.999999)));

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Lat}_{Lon}.json");
}
