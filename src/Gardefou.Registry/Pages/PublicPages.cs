using Microsoft.AspNetCore.Routing;

namespace Gardefou.Registry.Pages;

/// <summary>The public pages: the search page (static, searches locally) and the plain-HTML page.</summary>
internal static partial class PublicPages
{
    public static IEndpointRouteBuilder MapPublicPages(this IEndpointRouteBuilder endpoints)
    {
        MapAssets(endpoints);
        MapLite(endpoints);
        return endpoints;
    }
}
