using Gardefou.Registry.Model;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry.Freshness;

/// <summary>Past its time-to-live a number is stale: shown as unverified and left out of "available now".</summary>
internal sealed class FreshnessPolicy
{
    private readonly TimeSpan[] _ttl;

    public FreshnessPolicy(IOptions<RegistryOptions> options)
        : this(options.Value)
    {
    }

    public FreshnessPolicy(RegistryOptions options) =>
        _ttl = [options.TestTtl, options.MaskTtl, options.BedTtl];

    public TimeSpan TimeToLive(ResourceCategory category) => _ttl[(int)category];

    /// <summary>The earlier of the reporter's own validUntil and our TTL, so a TTL lowered later applies at once.</summary>
    public DateTimeOffset ExpiresAt(ResourceCategory category, DateTimeOffset checkedAt, DateTimeOffset validUntil)
    {
        var byTtl = checkedAt + TimeToLive(category);
        return validUntil < byTtl ? validUntil : byTtl;
    }

    public bool IsStale(ResourceCategory category, DateTimeOffset checkedAt, DateTimeOffset validUntil, DateTimeOffset now) =>
        now >= ExpiresAt(category, checkedAt, validUntil);
}
