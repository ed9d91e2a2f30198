namespace Gardefou.Simulation.Parameters;

/// <summary>
/// Everything one run depends on. Every number is a documented, overridable parameter
/// (JSON scenario files map one to one onto this tree); sources are in each record's docs and in docs/simulation.md.
/// </summary>
public sealed record SimulationParameters
{
    /// <summary>Master seed: same seed, same parameters → bit-identical results.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulated days.</summary>
    public int Days { get; init; } = 200;

    /// <summary>Who lives where, in which households, schools and workplaces.</summary>
    public PopulationParameters Population { get; init; } = new();

    /// <summary>Daily contacts per setting.</summary>
    public ContactParameters Contacts { get; init; } = new();

    /// <summary>Bluetooth attenuation model.</summary>
    public RadioParameters Radio { get; init; } = new();

    /// <summary>Natural history of the infection.</summary>
    public DiseaseParameters Disease { get; init; } = new();

    /// <summary>Testing, isolation, quarantine, manual tracing, lockdown.</summary>
    public InterventionParameters Interventions { get; init; } = new();

    /// <summary>The exposure-notification app and the design it follows.</summary>
    public AppParameters App { get; init; } = new();

    /// <summary>Privacy adversaries.</summary>
    public PrivacyParameters Privacy { get; init; } = new();

    /// <summary>Worker threads for the transmission step (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when a value is out of range.</summary>
    public void Validate()
    {
        Require(Days is >= 1 and <= 2000, "days must be between 1 and 2000");
        Require(Population.Size is null or (>= 10 and <= 80_000_000), "population must be between 10 and 80,000,000");
        Require(App.Adoption is >= 0 and <= 1, "adoption must be between 0 and 1");
        Require(App.UploadFraction is >= 0 and <= 1, "upload fraction must be between 0 and 1");
        Require(Interventions.TestsPerThousandPerDay >= 0, "test capacity must not be negative");
        Require(Interventions.TestTurnaroundDays is >= 0 and <= 30, "turnaround must be 0 to 30 days");
        Require(Interventions.QuarantineCompliance is >= 0 and <= 1, "compliance must be between 0 and 1");
        Require(Interventions.SelfIsolationCompliance is >= 0 and <= 1, "compliance must be between 0 and 1");
        Require(Disease.R0 is > 0 and <= 20, "R0 must be in (0, 20]");
        Require(Disease.InitialInfected >= 1, "at least one initial infection");
        Require(Population.Size is not { } size || Disease.InitialInfected <= size,
            $"{Disease.InitialInfected} initial infections cannot be placed in a population of {Population.Size}: lower --initial-infected or raise --population");
        Require(Interventions.TestSeeking is >= 0 and <= 1, "test seeking must be between 0 and 1");
        Require(App.NotifiedCompliance is >= 0 and <= 1, "notified compliance must be between 0 and 1");
        Require(Enum.IsDefined(App.Rule), "unknown notification rule");
        Require(App.RecallBySetting is { Count: 5 } && App.RecallBySetting.All(r => r is >= 0 and <= 1), "recall by setting needs 5 shares (home, school, work, transport, random) between 0 and 1");
        Require(App.Risk.Validate().Count == 0, "risk configuration: " + string.Join(" ", App.Risk.Validate()));
        Require(Threads >= 1, "threads must be at least 1");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
