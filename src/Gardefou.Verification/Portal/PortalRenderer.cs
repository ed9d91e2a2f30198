using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gardefou.Verification.Portal;

/// <summary>
/// Renders a page component to HTML on the server (static rendering, no script, no front-end build),
/// with headers that keep a shown code out of caches and forbid any request to another origin.
/// </summary>
internal static class PortalRenderer
{
    public static async Task<IResult> RenderAsync<TComponent>(HttpContext context, Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TComponent : IComponent
    {
        var services = context.RequestServices;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<PortalRoot>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PortalRoot.Page)] = typeof(TComponent),
                [nameof(PortalRoot.PageParameters)] = parameters,
                [nameof(PortalRoot.Text)] = PortalLanguage.For(context),
                [nameof(PortalRoot.Path)] = context.Request.Path.Value ?? PortalEndpoints.Root,
            }));
            return output.ToHtmlString();
        });
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        // The page depends on the language cookie and Accept-Language.
        headers.Vary = "Accept-Language, Cookie";
        // Not "no-referrer": with it browsers send "Origin: null" on the portal's own form posts, which are refused.
        // "same-origin" still sends nothing to any other site.
        headers["Referrer-Policy"] = "same-origin";
        return TypedResults.Content("<!DOCTYPE html>\n" + html, "text/html; charset=utf-8", statusCode: status);
    }
}
