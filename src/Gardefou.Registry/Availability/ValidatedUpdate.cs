using Gardefou.Registry.Model;

namespace Gardefou.Registry.Availability;

/// <summary>An update that passed validation, with its times settled.</summary>
internal sealed record ValidatedUpdate(
    ResourceType Type,
    int? Available,
    AvailabilityBand? Band,
    int? Total,
    string? Basis,
    bool Closed,
    DateTimeOffset CheckedAt,
    DateTimeOffset ValidUntil);
