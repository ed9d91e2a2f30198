using Gardefou.Registry.Model;

namespace Gardefou.Registry.Storage;

/// <summary>One capacity report. Rows are only ever added (history), the latest per site and resource is current.</summary>
internal sealed class ObservationRow
{
    public long Id { get; set; }
    public required string SiteId { get; set; }
    public int Resource { get; set; }
    public int? Available { get; set; }
    public AvailabilityBand? Band { get; set; }
    public int? Total { get; set; }
    public string Unit { get; set; } = "items";

    /// <summary>For beds: "staffed" or "physical"; null otherwise.</summary>
    public string? Basis { get; set; }
    public bool Closed { get; set; }
    public ObservationMethod Method { get; set; }
    public string Source { get; set; } = "";
    public DateTimeOffset CheckedAt { get; set; }
    public DateTimeOffset ValidUntil { get; set; }

    /// <summary>When the value last differed from the previous report: a re-confirmed number keeps its change time.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>True on the latest report per site and resource; older rows are history.</summary>
    public bool IsCurrent { get; set; }
}
