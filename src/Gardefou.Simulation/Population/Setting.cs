namespace Gardefou.Simulation.Population;

/// <summary>Where a contact happens; the order matches the per-setting parameter lists.</summary>
public enum Setting : byte
{
    /// <summary>Household.</summary>
    Home,

    /// <summary>School class.</summary>
    School,

    /// <summary>Workplace team.</summary>
    Work,

    /// <summary>Bus, tram, train.</summary>
    Transport,

    /// <summary>Random contacts in the commune (shops, leisure).</summary>
    Random,

    /// <summary>Not a person-to-person contact: a phone left on a hook near someone.</summary>
    LeftBehindPhone,
}
