namespace Gardefou.Protocol.Risk;

/// <summary>How infectious the person who published a key was on the key's day, derived from days since symptom onset.</summary>
public enum Infectiousness
{
    /// <summary>Not infectious: windows with this value are not scored (GAEN drops them).</summary>
    None = 0,

    /// <summary>Standard infectiousness.</summary>
    Standard = 1,

    /// <summary>High infectiousness, around symptom onset.</summary>
    High = 2,
}
