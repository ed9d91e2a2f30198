using Gardefou.Hosting.SignIn;
using Gardefou.Verification.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Portal;

/// <summary>Services of the portal: its own cookie scheme, antiforgery, the sign-in throttle (with the hashing cap), trusted proxies.</summary>
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
            // Secure whenever the browser came over HTTPS, directly or through a trusted proxy (TrustedProxyStartupFilter).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.LoginPath = PortalEndpoints.Root + "/login";
        });
        // The idle timeout is an option; the absolute lifetime is checked server-side in PortalAuth.
        services.AddOptions<CookieAuthenticationOptions>(PortalAuth.Scheme)
            .Configure<IOptions<VerificationOptions>>((o, v) => o.ExpireTimeSpan = v.Value.PortalIdleTimeout);
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddKeyedSingleton(PortalSignIn.ServiceKey, (sp, _) =>
        {
            var keys = sp.GetRequiredService<DomainKeys>();
            return new SignInThrottle(PortalSignIn.From(sp.GetRequiredService<IOptions<VerificationOptions>>().Value), sp.GetRequiredService<TimeProvider>(),
                deviceKey: () => keys.DeviceCookieKey, logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger<SignInThrottle>());
        });
        services.AddTransient<IStartupFilter, TrustedProxyStartupFilter>();
        services.AddSingleton<RealmClock>();
        return services;
    }
}
