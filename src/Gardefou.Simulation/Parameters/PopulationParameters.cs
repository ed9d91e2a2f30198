namespace Gardefou.Simulation.Parameters;

/// <summary>Population structure. Defaults: INSEE (France) where available, OpenABM-Covid19 otherwise.</summary>
public sealed record PopulationParameters
{
    /// <summary>Communes by name, INSEE code (5 characters) or département code (2–3 characters); empty = all of France.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>Scale the selected communes to this many people (stochastic rounding per commune); null = real size.</summary>
    public int? Size { get; init; }

    /// <summary>Share of people per 10-year age band 0–9 … 80+ (INSEE population pyramid 1 Jan 2023, rounded).</summary>
    public IReadOnlyList<double> AgePyramid { get; init; } = [0.110, 0.121, 0.112, 0.122, 0.126, 0.130, 0.120, 0.097, 0.062];

    /// <summary>Share of households of 1, 2, 3, 4, 5, 6 people (INSEE recensement 2019, 5+ split 2:1).</summary>
    public IReadOnlyList<double> HouseholdSizes { get; init; } = [0.37, 0.33, 0.13, 0.11, 0.04, 0.02];

    /// <summary>Employment rate per age band (INSEE enquête emploi 2022, 15–64 ≈ 68%; nobody under 20 works here).</summary>
    public IReadOnlyList<double> EmploymentRate { get; init; } = [0, 0.10, 0.70, 0.85, 0.86, 0.80, 0.25, 0.02, 0];

    /// <summary>School attendance per age band (0–9 includes under-3s; 10–19 includes students past 18).</summary>
    public IReadOnlyList<double> SchoolAttendance { get; init; } = [0.75, 0.85, 0.10, 0, 0, 0, 0, 0, 0];

    /// <summary>Pupils per class (Éducation nationale, primary ≈ 22, secondary ≈ 25).</summary>
    public int ClassSize { get; init; } = 24;

    /// <summary>Median people per workplace team that meet daily (OpenABM uses a small-world network of ~10 neighbours).</summary>
    public int WorkplaceSize { get; init; } = 18;

    /// <summary>Share of workers who work in another commune of the same département (INSEE 2019: 2/3 of workers leave their commune).</summary>
    public double CommuteFraction { get; init; } = 0.65;

    /// <summary>Share of commuters who take public transport (INSEE 2017 mode share ≈ 15% nationally, 43% in Île-de-France).</summary>
    public double PublicTransportFraction { get; init; } = 0.18;
}
