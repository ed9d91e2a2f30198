namespace Gardefou.Server.Hosting;

/// <summary>Hosting limits shared by every role, bound from the configuration section <c>Hosting</c>.</summary>
public sealed class HostingLimits
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Hosting";

    /// <summary>Largest request body of any endpoint (<c>Hosting:MaxRequestBodySize</c>); endpoints may set lower limits.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Requests per second and client (<c>Hosting:RateLimit:PermitsPerSecond</c>); 0 turns rate limiting off.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a client may send at once before being limited (<c>Hosting:RateLimit:Burst</c>).</summary>
    public int Burst { get; set; } = 200;
}
