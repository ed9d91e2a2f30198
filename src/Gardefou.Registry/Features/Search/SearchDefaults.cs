namespace Gardefou.Registry.Features.Search;

/// <summary>
/// The one set of search defaults and limits: the API, the plain-HTML page and the public page's script (which reads
/// them from <c>/registry/data/page.json</c>) all use these.
/// </summary>
internal static class SearchDefaults
{
    /// <summary>Radius when none is given.</summary>
    public const double RadiusKm = 10;

    /// <summary>Results when no limit is given.</summary>
    public const int Limit = 50;

    public const double MaxRadiusKm = 200;

    public const int MaxLimit = 500;

    /// <summary>The distances the pages offer to choose from.</summary>
    public static IReadOnlyList<int> RadiusChoicesKm { get; } = [5, 10, 25, 50];
}
