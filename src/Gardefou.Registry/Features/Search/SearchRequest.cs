namespace Gardefou.Registry.Features.Search;

/// <summary>A search's query string, parsed: the query, and the place it was resolved from when a place was given.</summary>
internal sealed record SearchRequest(SearchQuery Query, SearchPlace? Place);
