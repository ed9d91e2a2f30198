using Gardefou.Registry.Features.Search;

namespace Gardefou.Registry.Features.Availability;

/// <summary>What an operator gets back: the reports as now stored.</summary>
public sealed record AvailabilityAnswer(string SiteId, IReadOnlyList<ResourceReport> Applied);
