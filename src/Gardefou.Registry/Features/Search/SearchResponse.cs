namespace Gardefou.Registry.Features.Search;

/// <summary><c>{"results": [...]}</c>, nearest first, and the resolved place when one was asked for.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, SearchPlace? Place);
