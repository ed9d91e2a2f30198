using Gardefou.Verification.Portal.Pages;
using Gardefou.Verification.Portal.Views;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Verification.Portal;

/// <summary>Reads a portal form with tight limits and checks its antiforgery token; anything wrong is a 400 page.</summary>
internal static class PortalForms
{
    private const int MaxFormBytes = 16_384;

    private static readonly FormOptions s_limits = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 128,
        ValueLengthLimit = 4_096,
        MultipartBodyLengthLimit = MaxFormBytes,
        MultipartHeadersCountLimit = 16,
        MultipartHeadersLengthLimit = 4_096,
        BufferBody = false,
    };

    public static async Task<Outcome<IFormCollection, IResult>> ReadAsync(HttpContext context, CancellationToken ct)
    {
        if (!IsFromThisOrigin(context.Request))
        {
            return Outcome.Fail(await BadAsync(context, PortalLanguage.For(context).FormCrossOrigin, StatusCodes.Status403Forbidden));
        }
        if (context.Request.ContentLength > MaxFormBytes)
        {
            return Outcome.Fail(await BadAsync(context, PortalLanguage.For(context).FormTooLarge, StatusCodes.Status413PayloadTooLarge));
        }
        if (!context.Request.HasFormContentType)
        {
            return Outcome.Fail(await BadAsync(context, PortalLanguage.For(context).FormNotFromPortal));
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(s_limits, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or InvalidOperationException)
        {
            return Outcome.Fail(await BadAsync(context, PortalLanguage.For(context).FormUnreadable));
        }
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Outcome.Fail(await BadAsync(context, PortalLanguage.For(context).FormExpired));
        }
        return Outcome<IFormCollection, IResult>.Success(form);
    }

    /// <summary>
    /// False for a post a browser marks as coming from elsewhere: <c>Origin: null</c> (sandboxed frames, local files,
    /// some redirects), an origin other than this host, or <c>Sec-Fetch-Site: cross-site</c>. Antiforgery tokens
    /// already stop forgeries; this refuses them before the form is even read. Clients that send neither header
    /// (older browsers, scripts) are left to the antiforgery check.
    /// </summary>
    public static bool IsFromThisOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site")
        {
            return false;
        }
        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return true;
        }
        if (origins.Count > 1 || !Uri.TryCreate(origins.ToString(), UriKind.Absolute, out var origin))
        {
            return false; // includes the literal "null"
        }
        return string.Equals(origin.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    public static FormToken TokenFor(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }

    public static Task<IResult> BadAsync(HttpContext context, string detail, int status = StatusCodes.Status400BadRequest) =>
        PortalRenderer.RenderAsync<ErrorPage>(context, new() { [nameof(ErrorPage.Detail)] = detail }, status);
}
