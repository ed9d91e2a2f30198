using Gardefou.Hosting.Html;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gardefou.Registry.Pages;

internal static partial class PublicPages
{
    /// <summary>
    /// <c>/registry/lite</c>: plain HTML, no script, a few kilobytes, for old phones and slow links. It has to send the
    /// place to the server; the handler neither logs nor keeps it.
    /// </summary>
    private static void MapLite(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/registry/lite", Lite);

    private static IResult Lite(HttpContext context, RegistryState state, TimeProvider time, string? place, string? lang)
    {
        var fr = lang == "fr" || (lang is null && context.Request.Headers.AcceptLanguage.ToString().StartsWith("fr", StringComparison.OrdinalIgnoreCase));
        // The same parser and defaults as the API and the script's page; the form always sends a type, a bare link
        // may not, so the page falls back to tests.
        SearchRequest? request = null;
        SearchRefusal? refusal = null;
        if (!string.IsNullOrWhiteSpace(place))
        {
            _ = SearchRequestParser.Parse(context.Request.Query, FrenchGazetteer.Shared, ResourceCategory.Test).TryGetValue(out request, out refusal);
        }
        var category = request?.Query.Category ?? context.Request.Query["type"].ToString() switch { "mask" => ResourceCategory.Mask, "bed" => ResourceCategory.Bed, _ => ResourceCategory.Test };
        var radius = request?.Query.RadiusKm ?? SearchDefaults.RadiusKm;
        var view = new LiteView(fr, place, category.ToString().ToLowerInvariant(), radius);
        var status = StatusCodes.Status200OK;
        if (refusal is { UnknownPlace: true })
        {
            view = view with { Alert = fr ? "Lieu introuvable. Essayez un code postal." : "Place not found. Try a postcode." };
            status = StatusCodes.Status404NotFound;
        }
        else if (refusal is { Message: var error })
        {
            view = view with { Alert = error };
            status = StatusCodes.Status400BadRequest;
        }
        else if (request is { Query: { } query, Place: { } found })
        {
            var now = time.GetUtcNow();
            var hits = state.Index.Search(query, now, state.Freshness);
            var postcode = FrenchGazetteer.Shared.Resolve(place!)?.Postcodes.FirstOrDefault();
            view = view with
            {
                Heading = $"{found.Name} ({postcode})",
                Results = [.. hits.Select(hit => SearchMapper.ToResult(hit, now, state.Freshness))],
            };
        }
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return RazorPage.Render<LitePage>(new Dictionary<string, object?> { [nameof(LitePage.Model)] = view }, status);
    }
}
