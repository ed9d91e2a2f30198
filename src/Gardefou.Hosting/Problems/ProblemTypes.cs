using Microsoft.AspNetCore.Http;

namespace Gardefou.Hosting.Problems;

/// <summary>
/// The one scheme of a problem's <c>type</c> (RFC 9457) across the host: <c>urn:gardefou:problem:&lt;slug&gt;</c>.
/// A URN names the case without promising a page behind it, and a client can switch on it. The slug is the
/// specific case where there is one (<c>code_expired</c>), else the status's name (<c>not_found</c>).
/// Bodies whose shape a public specification fixes (Google's verify, certificate and publish answers) keep that shape.
/// </summary>
public static class ProblemTypes
{
    /// <summary>The prefix every problem type of the host starts with.</summary>
    public const string Prefix = "urn:gardefou:problem:";

    /// <summary>The type of the case <paramref name="slug"/>.</summary>
    public static string Of(string slug) => Prefix + slug;

    /// <summary>The type of a problem that has no case of its own, named after its status.</summary>
    public static string ForStatus(int status) => Of(status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status410Gone => "gone",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 500 => "server_error",
        _ => "status_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
