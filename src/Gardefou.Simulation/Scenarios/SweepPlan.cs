namespace Gardefou.Simulation.Scenarios;

/// <summary>One-parameter sweeps around the base scenario (each value run for every seed).</summary>
public sealed record SweepPlan
{
    /// <summary>App adoption values (e.g. 0 to 0.8).</summary>
    public IReadOnlyList<double> Adoption { get; init; } = [];

    /// <summary>Tests per 1,000 people per day.</summary>
    public IReadOnlyList<double> TestsPerThousandPerDay { get; init; } = [];

    /// <summary>Days from test to result.</summary>
    public IReadOnlyList<int> TestTurnaroundDays { get; init; } = [];

    /// <summary>Quarantine compliance of notified people.</summary>
    public IReadOnlyList<double> NotifiedCompliance { get; init; } = [];

    /// <summary>
    /// Notification rules compared with the base rule, each at every adoption level of the grid with the first design
    /// (the report plots infections averted against false alerts and quarantine days, one point per rule and uptake).
    /// </summary>
    public IReadOnlyList<Parameters.NotificationRule> NotificationRules { get; init; } = [];
}
