using Gardefou.Registry.Features.Search;

namespace Gardefou.Registry.Pages;

/// <summary>The search defaults and limits as published to the page's script (<see cref="SearchDefaults"/>).</summary>
internal sealed record PageSearchDefaults(double RadiusKm, int Limit, double MaxRadiusKm, int MaxLimit, IReadOnlyList<int> RadiusChoicesKm)
{
    public static PageSearchDefaults Current { get; } = new(SearchDefaults.RadiusKm, SearchDefaults.Limit, SearchDefaults.MaxRadiusKm,
        SearchDefaults.MaxLimit, SearchDefaults.RadiusChoicesKm);
}
