using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gardefou.Hosting.Html;

/// <summary>
/// The host's one way to make HTML: a Razor component rendered to a whole page on the server (static rendering, no
/// interactivity, no script, no static web assets). Razor encodes every value it writes, so no page escapes by hand.
/// Each domain adds its own headers (cache, content security policy, referrer) before returning the result.
/// </summary>
public static class RazorPage
{
    /// <summary>A result that renders <typeparamref name="TComponent"/> with these parameters when the answer is written.</summary>
    public static IResult Render<TComponent>(IDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TComponent : IComponent => new Page<TComponent>(parameters, status);

    /// <summary>Renders <typeparamref name="TComponent"/> to an HTML document now.</summary>
    public static async Task<IResult> RenderAsync<TComponent>(HttpContext context, IDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TComponent : IComponent
    {
        var html = await ToHtmlAsync<TComponent>(context.RequestServices, parameters);
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static async Task<string> ToHtmlAsync<TComponent>(IServiceProvider services, IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return "<!DOCTYPE html>\n" + html;
    }

    /// <summary>Rendered when executed, so a handler can return it from synchronous code.</summary>
    private sealed class Page<TComponent>(IDictionary<string, object?> parameters, int status) : IResult
        where TComponent : IComponent
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var html = await ToHtmlAsync<TComponent>(httpContext.RequestServices, parameters);
            await TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }
}
