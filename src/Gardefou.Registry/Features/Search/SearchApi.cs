using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gardefou.Registry.Features.Search;

/// <summary>
/// <c>GET /registry/v1/search</c>: no account, no cookie, nothing logged or stored. The handler writes no log line
/// and keeps nothing of the query once the answer is sent.
/// </summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/registry/v1/search", Search).WithName("RegistrySearch");
        endpoints.MapGet("/registry/v1/sites/{siteId}", Site).WithName("RegistrySite");
        return endpoints;
    }

    internal static Results<JsonHttpResult<SearchResponse>, ProblemHttpResult> Search(
        HttpContext context, RegistryState state, TimeProvider time)
    {
        var request = SearchRequestParser.Parse(context.Request.Query, FrenchGazetteer.Shared);
        if (request is not { Query: { } query, Place: var place })
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid search", request.Error!);
        }
        var now = time.GetUtcNow();
        var hits = state.Index.Search(query, now, state.Freshness);
        var results = hits.Select(h => SearchMapper.ToResult(h, now, state.Freshness)).ToList();
        // Answers depend on the asker's place: shared caches must not keep them, browsers may for a moment.
        context.Response.Headers.CacheControl = "private, max-age=15";
        return TypedResults.Json(new SearchResponse(results, place), RegistryJson.Options);
    }

    /// <summary>One site's public description and current reports (the operator page starts from it).</summary>
    internal static Results<JsonHttpResult<SearchResult>, ProblemHttpResult> Site(string siteId, RegistryState state, TimeProvider time)
    {
        if (siteId.Length > 64 || !state.Index.TryGet(siteId, out var site))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Unknown site", "No site with this id.");
        }
        var now = time.GetUtcNow();
        var all = new List<CapacitySnapshot>();
        foreach (var type in site.Info.Offers)
        {
            all.Add(Volatile.Read(ref site.Capacity[type.Code]) ?? CapacitySnapshot.NeverReported(type));
        }
        var hit = SearchHit.WholeSite(site, site.Schedule.IsOpen(now, site.Info.TimeZone), all);
        return TypedResults.Json(SearchMapper.ToResult(hit, now, state.Freshness), RegistryJson.Options);
    }
}
