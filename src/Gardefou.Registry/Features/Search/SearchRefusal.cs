namespace Gardefou.Registry.Features.Search;

/// <summary>
/// Why a search's query string was refused, in words a person can act on. <see cref="UnknownPlace"/> tells a place
/// the gazetteer does not know from any other bad input (the plain-HTML page answers it with 404, the API with 400).
/// </summary>
internal sealed record SearchRefusal(string Message, bool UnknownPlace = false);
