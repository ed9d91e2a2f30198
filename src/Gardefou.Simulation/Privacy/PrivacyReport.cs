namespace Gardefou.Simulation.Privacy;

/// <summary>
/// Privacy figures of one run, each "the fraction of people re-identified or linked" by one adversary of the
/// catalogue (IDs as listed in docs/simulation.md), or a rate where the catalogue asks for one.
/// </summary>
public sealed record PrivacyReport
{
    /// <summary>C1-1: people whose broadcast identifiers the server can link to one pseudonym or identity.</summary>
    public required double ServerLinkedFraction { get; init; }

    /// <summary>C1-2: share of app-to-app contact-days the server learns (edges of the contact graph).</summary>
    public required double ServerGraphEdgeFraction { get; init; }

    /// <summary>C1-2: people who appear as nodes of the graph the server can rebuild.</summary>
    public required double ServerGraphNodeFraction { get; init; }

    /// <summary>C2-1: notifications whose recipient met exactly one person in the window the design reveals.</summary>
    public required double SingleContactFraction { get; init; }

    /// <summary>C2-1: people re-identified that way, as a fraction of the population.</summary>
    public required double SingleContactPeopleFraction { get; init; }

    /// <summary>C3-1: uploaders seen by at least one sniffer on an uploaded day (their published key links them to a place).</summary>
    public required double SnifferLocatedUploaderFraction { get; init; }

    /// <summary>C3-1: uploaders' days linked to a sniffed place, as a fraction of all their uploaded days (DP-3T links the whole window).</summary>
    public required double SnifferLinkedDayFraction { get; init; }

    /// <summary>C3-1: people located by sniffers, as a fraction of the population.</summary>
    public required double SnifferPeopleFraction { get; init; }

    /// <summary>C4-1: share of identifiers replayed 30 minutes later that phones accept.</summary>
    public required double ReplayAccepted30Minutes { get; init; }

    /// <summary>C4-1: share accepted 3 hours later.</summary>
    public required double ReplayAccepted3Hours { get; init; }

    /// <summary>C4-1: share accepted 25 hours later.</summary>
    public required double ReplayAccepted25Hours { get; init; }

    /// <summary>C4-1: false alerts per day of a replay station fed from a test centre (30-minute replay).</summary>
    public required double ReplayFalseAlertsPerDay { get; init; }

    /// <summary>C4-2: false alerts per day of an online relay from a test centre (inherent to proximity tracing).</summary>
    public required double RelayFalseAlertsPerDay { get; init; }

    /// <summary>C6-1: people a network observer identifies as positive without chaff (every upload is real).</summary>
    public required double ObserverIdentifiedWithoutChaff { get; init; }

    /// <summary>C6-1: observer's posterior that an uploading-looking person really uploaded, with Poisson chaff (DP-3T formula).</summary>
    public required double ObserverPosteriorWithChaff { get; init; }

    /// <summary>C6-1: people identified with chaff (posterior above one half), as a fraction of the population.</summary>
    public required double ObserverIdentifiedWithChaff { get; init; }
}
