using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Security;

/// <summary>
/// Behind a TLS-terminating proxy, honours <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> — only from the
/// addresses in <see cref="VerificationOptions.TrustedProxies"/>, and only the last hop — by putting ASP.NET Core's
/// forwarded-headers middleware first in the pipeline. Then cookies are <c>Secure</c> when the browser used HTTPS,
/// and throttles count the real client rather than the proxy. With no trusted proxy configured nothing is added,
/// and a forged header from anyone is ignored (ASP.NET Core's own default would trust loopback).
/// </summary>
internal sealed class TrustedProxyStartupFilter : IStartupFilter
{
    private readonly VerificationOptions _options;

    public TrustedProxyStartupFilter(IOptions<VerificationOptions> options) => _options = options.Value;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (_options.TrustedProxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
                ForwardLimit = 1,
            };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in _options.TrustedProxies)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
            app.UseForwardedHeaders(forwarded);
        }
        next(app);
    };

    /// <summary>Whether every entry is an IP address or a CIDR network.</summary>
    public static bool AreValid(IEnumerable<string> entries) =>
        entries.All(e => IPAddress.TryParse(e, out _) || System.Net.IPNetwork.TryParse(e, out _));
}
