using Microsoft.AspNetCore.Http;

namespace Gardefou.Server.Hosting;

/// <summary>The endpoints of the upload path, whose every answer must look alike to a network observer.</summary>
internal enum UploadEndpoint
{
    /// <summary>Not on the upload path.</summary>
    None,

    /// <summary><c>/api/verify</c>.</summary>
    Verify,

    /// <summary><c>/api/certificate</c>.</summary>
    Certificate,

    /// <summary><c>/v1/publish</c>.</summary>
    Publish,
}

/// <summary>Which upload endpoint a request path reaches, the way the router matches it (any letter case, a trailing slash).</summary>
internal static class UploadEndpoints
{
    public static UploadEndpoint Of(PathString path)
    {
        var value = path.Value.AsSpan().TrimEnd('/');
        if (value.Equals("/api/verify", StringComparison.OrdinalIgnoreCase))
        {
            return UploadEndpoint.Verify;
        }
        if (value.Equals("/api/certificate", StringComparison.OrdinalIgnoreCase))
        {
            return UploadEndpoint.Certificate;
        }
        return value.Equals("/v1/publish", StringComparison.OrdinalIgnoreCase) ? UploadEndpoint.Publish : UploadEndpoint.None;
    }
}
