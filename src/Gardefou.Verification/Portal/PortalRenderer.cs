using Gardefou.Hosting.Html;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Portal;

/// <summary>
/// Renders a page component to HTML on the server with the host's <see cref="RazorPage"/> (static rendering, no script),
/// with headers that keep a shown code out of caches and forbid any request to another origin.
/// </summary>
internal static class PortalRenderer
{
    public static async Task<IResult> RenderAsync<TComponent>(HttpContext context, Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TComponent : IComponent
    {
        var page = await RazorPage.RenderAsync<PortalRoot>(context, new Dictionary<string, object?>
        {
            [nameof(PortalRoot.Page)] = typeof(TComponent),
            [nameof(PortalRoot.PageParameters)] = parameters,
            [nameof(PortalRoot.Text)] = PortalLanguage.For(context),
            [nameof(PortalRoot.Path)] = context.Request.Path.Value ?? PortalEndpoints.Root,
        }, status);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        // The page depends on the language cookie and Accept-Language.
        headers.Vary = "Accept-Language, Cookie";
        // Not "no-referrer": with it browsers send "Origin: null" on the portal's own form posts, which are refused.
        // "same-origin" still sends nothing to any other site.
        headers["Referrer-Policy"] = "same-origin";
        return page;
    }
}
