using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Search;

/// <summary>The current report for one resource at one site; immutable, swapped whole on update.</summary>
internal sealed record CapacitySnapshot(
    ResourceType Type,
    int? Available,
    AvailabilityBand? Band,
    int? Total,
    string? Basis,
    bool Closed,
    ObservationMethod Method,
    string Source,
    DateTimeOffset CheckedAt,
    DateTimeOffset ValidUntil,
    DateTimeOffset ChangedAt)
{
    /// <summary>The placeholder for a resource a site offers but never reported (dates at the epoch, no number).</summary>
    public static CapacitySnapshot NeverReported(ResourceType type) =>
        new(type, Available: null, Band: null, Total: null, Basis: null, Closed: false, ObservationMethod.SiteApi, Source: "",
            CheckedAt: DateTimeOffset.UnixEpoch, ValidUntil: DateTimeOffset.UnixEpoch, ChangedAt: DateTimeOffset.UnixEpoch);

    /// <summary>The band shown: reported, or implied by the exact count.</summary>
    public AvailabilityBand? EffectiveBand => Closed ? AvailabilityBand.None : Band ?? (Available is { } n ? Bands.FromCount(n) : null);

    /// <summary>True when the report says something can be had (a closed site has nothing).</summary>
    public bool HasSome => !Closed && (Available is { } n ? n > 0 : Band is { } b && b != AvailabilityBand.None);
}
