using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Verification.Portal;

/// <summary>Services of the portal: its own cookie scheme and antiforgery.</summary>
internal static class PortalServices
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(PortalAuth.Scheme, o =>
        {
            o.Cookie.Name = "gardefou-portal";
            o.Cookie.Path = PortalEndpoints.Root;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = PortalEndpoints.Root + "/login";
        });
        services.AddAntiforgery();
        return services;
    }
}
