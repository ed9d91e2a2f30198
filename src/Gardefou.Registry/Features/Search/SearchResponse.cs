namespace Gardefou.Registry.Features.Search;

/// <summary>
/// <c>{"results": [...]}</c>, nearest first, the resolved place when one was asked for, and <c>truncated</c>: true
/// when the answer reached the size cap (<c>Registry:MaxSearchResponseBytes</c>) and the farther results were left out.
/// </summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, SearchPlace? Place, bool Truncated = false);
