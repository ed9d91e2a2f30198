namespace Gardefou.Registry.Features.Availability;

/// <summary>
/// One report from a site: <c>{"type": "mask.ffp2", "available": 12}</c>, or a <c>band</c> instead of a count, or
/// <c>"closed": true</c>. Optional: <c>total</c>, <c>basis</c> (beds: staffed|physical), <c>checkedAt</c>, <c>validUntil</c>.
/// </summary>
public sealed record AvailabilityUpdate(
    string? Type,
    int? Available = null,
    string? Band = null,
    int? Total = null,
    string? Basis = null,
    bool? Closed = null,
    DateTimeOffset? CheckedAt = null,
    DateTimeOffset? ValidUntil = null);
