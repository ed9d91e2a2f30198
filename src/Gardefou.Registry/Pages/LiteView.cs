using Gardefou.Registry.Features.Search;

namespace Gardefou.Registry.Pages;

/// <summary>What the lite page shows: the form as sent, then a refusal, or the place found and its results.</summary>
/// <param name="French">Whether the page speaks French.</param>
/// <param name="Place">The place typed, shown back in the form.</param>
/// <param name="Type">The category chosen: test, mask or bed.</param>
/// <param name="RadiusKm">The radius chosen.</param>
/// <param name="Alert">Why the search was refused, if it was.</param>
/// <param name="Heading">The place found and its postcode, when there was a search.</param>
/// <param name="Results">The sites found, nearest first, when there was a search.</param>
public sealed record LiteView(bool French, string? Place, string Type, double RadiusKm, string? Alert = null, string? Heading = null,
    IReadOnlyList<SearchResult>? Results = null);
