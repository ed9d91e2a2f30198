using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Scenarios;

/// <summary>
/// A study: one base parameter set, the adoption × design grid run for each seed, the three "levers" compared at
/// the median adoption (+10 points of adoption, +10% test capacity, one day faster results) and optional sweeps.
/// This is the shape of a JSON scenario file (camelCase, enums as strings, unknown fields rejected).
/// </summary>
public sealed record ScenarioPlan
{
    /// <summary>Parameters shared by every run (seed and adoption are overridden per run).</summary>
    public SimulationParameters Base { get; init; } = new();

    /// <summary>Adoption levels of the grid.</summary>
    public IReadOnlyList<double> Adoption { get; init; } = [0, 0.12, 0.3, 0.56];

    /// <summary>Designs of the grid.</summary>
    public IReadOnlyList<Design> Designs { get; init; } = [Design.Gaen];

    /// <summary>Number of seeds (Base.Seed, Base.Seed + 1, …).</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>Run the three levers at the median adoption.</summary>
    public bool Levers { get; init; } = true;

    /// <summary>Optional sweeps, run with the first design.</summary>
    public SweepPlan Sweeps { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> when the plan cannot run.</summary>
    public void Validate()
    {
        Base.Validate();
        if (Adoption.Count == 0 || Adoption.Any(a => a is < 0 or > 1))
        {
            throw new ArgumentException("adoption levels must be between 0 and 1");
        }
        if (Designs.Count == 0)
        {
            throw new ArgumentException("at least one design");
        }
        if (Seeds is < 1 or > 100)
        {
            throw new ArgumentException("seeds must be between 1 and 100");
        }
    }
}
