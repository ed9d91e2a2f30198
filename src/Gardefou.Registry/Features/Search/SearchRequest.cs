namespace Gardefou.Registry.Features.Search;

/// <summary>
/// The outcome of parsing a search's query string, as a value: a query (and the place it was resolved from, when a
/// place was given), or an error message. <see cref="UnknownPlace"/> tells a place the gazetteer does not know from
/// any other bad input (the plain-HTML page answers it with 404, the API with 400).
/// </summary>
internal sealed record SearchRequest(SearchQuery? Query, SearchPlace? Place, string? Error, bool UnknownPlace = false)
{
    public static SearchRequest Invalid(string error) => new(Query: null, Place: null, error);
}
