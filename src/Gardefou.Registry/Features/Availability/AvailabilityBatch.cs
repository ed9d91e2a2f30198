namespace Gardefou.Registry.Features.Availability;

/// <summary>Several reports from one site, applied all together or not at all.</summary>
public sealed record AvailabilityBatch(IReadOnlyList<AvailabilityUpdate>? Updates);
