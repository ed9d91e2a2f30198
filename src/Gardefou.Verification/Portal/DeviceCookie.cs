using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Portal;

/// <summary>
/// The cookie that marks a browser as one a health worker signed in from before (the "device cookie" defence against
/// online guessing). Its value is a device token of the shared sign-in throttle: a random device id and, for each
/// account that signed in on it, an HMAC tag under a key derived from the domain's secret (so it survives a restart
/// and every instance reads it). The server keeps nothing about it. Sign-in attempts that carry it for the account
/// are budgeted apart from everyone else, so an attacker's failures never slow the user down on their own device.
/// </summary>
internal static class DeviceCookie
{
    public const string Name = "gardefou-portal-device";
    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(90);

    /// <summary>The browser's device token, if it sent one.</summary>
    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    /// <summary>Stores <paramref name="token"/> (from <c>SignInThrottle.IssueDeviceToken</c>) in the browser.</summary>
    public static void Remember(HttpContext context, string token) =>
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            Path = PortalEndpoints.Root,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = s_lifetime,
        });
}
