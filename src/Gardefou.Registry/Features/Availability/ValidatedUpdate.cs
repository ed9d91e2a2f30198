using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Availability;

/// <summary>An update that passed validation, with its times settled.</summary>
internal sealed record ValidatedUpdate(
    ResourceType Type,
    int? Available,
    AvailabilityBand? Band,
    int? Total,
    string? Basis,
    bool Closed,
    DateTimeOffset CheckedAt,
    DateTimeOffset ValidUntil)
{
    /// <summary>A plain count: no band, total or basis, open.</summary>
    public static ValidatedUpdate Count(ResourceType type, int? available, DateTimeOffset checkedAt, DateTimeOffset validUntil) =>
        new(type, available, Band: null, Total: null, Basis: null, Closed: false, checkedAt, validUntil);
}
