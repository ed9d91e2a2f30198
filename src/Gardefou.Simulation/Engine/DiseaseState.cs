namespace Gardefou.Simulation.Engine;

/// <summary>Epidemic state of one person.</summary>
public enum DiseaseState : byte
{
    /// <summary>Never infected.</summary>
    Susceptible,

    /// <summary>Infected: incubating, infectious, or in hospital.</summary>
    Infected,

    /// <summary>Recovered and immune for the rest of the run.</summary>
    Recovered,

    /// <summary>Died.</summary>
    Dead,
}
