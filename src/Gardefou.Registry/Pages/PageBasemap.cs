namespace Gardefou.Registry.Pages;

/// <summary>A self-hosted PMTiles basemap the page draws under its outlines: where it is served, and its credit line.</summary>
internal sealed record PageBasemap(string Url, string? Attribution);
