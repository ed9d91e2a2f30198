using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;

namespace Gardefou.Verification.Portal;

/// <summary>
/// The portal's language: the device's own choice if it made one (a cookie that holds only "en" or "fr", set by
/// the switch link on every page and never stored on the server), else the browser's Accept-Language, else English.
/// Like the public registry page: French or English, chosen by the browser, switchable, remembered on the device.
/// </summary>
internal static class PortalLanguage
{
    public const string CookieName = "gardefou-portal-lang";

    public static PortalText For(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var chosen) && ByCode(chosen) is { } text)
        {
            return text;
        }
        try
        {
            var accepted = new RequestHeaders(context.Request.Headers).AcceptLanguage
                .Where(l => l.Quality is not 0)
                .OrderByDescending(l => l.Quality ?? 1);
            foreach (var language in accepted)
            {
                var tag = language.Value.Value ?? "";
                if (ByCode(tag.Split('-')[0].ToLowerInvariant()) is { } match)
                {
                    return match;
                }
            }
        }
        catch (FormatException)
        {
            // A malformed header is no reason to refuse a page: fall back to English.
        }
        return PortalText.English;
    }

    /// <summary><c>GET /portal/language/{lang}?back=/portal/…</c>: remembers the choice on the device and goes back.</summary>
    public static IResult Switch(HttpContext context, string lang, string? back)
    {
        if (ByCode(lang) is null)
        {
            return TypedResults.Redirect(PortalEndpoints.Root);
        }
        context.Response.Cookies.Append(CookieName, lang, new CookieOptions
        {
            Path = PortalEndpoints.Root,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return TypedResults.Redirect(IsPortalPath(back) ? back! : PortalEndpoints.Root);
    }

    /// <summary>Only a path of this portal: never another site (no open redirect).</summary>
    private static bool IsPortalPath(string? path) =>
        path is { Length: < 200 } && path.StartsWith(PortalEndpoints.Root, StringComparison.Ordinal)
            && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_')
            && !path.Contains("//", StringComparison.Ordinal);

    private static PortalText? ByCode(string? code) => code switch
    {
        "fr" => PortalText.French,
        "en" => PortalText.English,
        _ => null,
    };
}
