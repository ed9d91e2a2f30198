using System.Text.Json;
using Gardefou.Hosting.Problems;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry.Features.Search;

/// <summary>
/// <c>GET /registry/v1/search</c>: no account, no cookie, nothing logged or stored. The handler writes no log line
/// and keeps nothing of the query once the answer is sent.
/// </summary>
internal static class SearchApi
{
    /// <summary>Room kept for the envelope and the resolved place around the results.</summary>
    private const int EnvelopeAllowance = 1024;

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/registry/v1/search", Search).WithName("RegistrySearch");
        endpoints.MapGet("/registry/v1/sites/{siteId}", Site).WithName("RegistrySite");
        return endpoints;
    }

    internal static Results<JsonHttpResult<SearchResponse>, ProblemHttpResult> Search(
        HttpContext context, RegistryState state, TimeProvider time, IOptions<RegistryOptions> options)
    {
        if (!SearchRequestParser.Parse(context.Request.Query, FrenchGazetteer.Shared).TryGetValue(out var request, out var refusal))
        {
            return Problem.Result(StatusCodes.Status400BadRequest, "Invalid search", refusal.Message);
        }
        var (query, place) = request;
        var now = time.GetUtcNow();
        var hits = state.Index.Search(query, now, state.Freshness);
        // A small request must not buy a huge answer (200 km × 500 results was 586 KB): results are added nearest
        // first while the answer stays under the cap, and the answer says when some were left out.
        var budget = options.Value.MaxSearchResponseBytes - EnvelopeAllowance;
        var results = new List<SearchResult>(hits.Count);
        foreach (var hit in hits)
        {
            var result = SearchMapper.ToResult(hit, now, state.Freshness);
            budget -= JsonSerializer.SerializeToUtf8Bytes(result, RegistryJson.Options).Length + 1;
            if (budget < 0)
            {
                break;
            }
            results.Add(result);
        }
        // Answers depend on the asker's place: shared caches must not keep them, browsers may for a moment.
        context.Response.Headers.CacheControl = "private, max-age=15";
        return TypedResults.Json(new SearchResponse(results, place, Truncated: results.Count < hits.Count), RegistryJson.Options);
    }

    /// <summary>One site's public description and current reports (the operator page starts from it).</summary>
    internal static Results<JsonHttpResult<SearchResult>, ProblemHttpResult> Site(string siteId, RegistryState state, TimeProvider time)
    {
        if (siteId.Length > 64 || !state.Index.TryGet(siteId, out var site))
        {
            return Problem.Result(StatusCodes.Status404NotFound, "Unknown site", "No site with this id.");
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
