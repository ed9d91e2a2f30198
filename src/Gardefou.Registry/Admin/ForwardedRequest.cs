using System.Net;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Registry.Admin;

/// <summary>
/// The client's address and scheme as the registry trusts them: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are honoured only on connections from the configured proxy (<c>Registry:TrustedProxy</c>); from anyone else they
/// are ignored, so a client cannot pick the address it is throttled as.
/// </summary>
internal static class ForwardedRequest
{
    public static bool FromTrustedProxy(HttpContext context, IPAddress? trustedProxy)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (trustedProxy is null || remote is null)
        {
            return false;
        }
        return (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).Equals(trustedProxy);
    }

    public static IPAddress? ClientAddress(HttpContext context, IPAddress? trustedProxy)
    {
        if (FromTrustedProxy(context, trustedProxy))
        {
            // The proxy appends the address it saw last: that entry is the one it vouches for.
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (forwarded.Length > 0 && IPAddress.TryParse(forwarded[^1], out var client))
            {
                return client;
            }
        }
        return context.Connection.RemoteIpAddress;
    }

    public static bool IsHttps(HttpContext context, IPAddress? trustedProxy) =>
        context.Request.IsHttps
        || (FromTrustedProxy(context, trustedProxy) && context.Request.Headers["X-Forwarded-Proto"].ToString().Trim().Equals("https", StringComparison.OrdinalIgnoreCase));
}
