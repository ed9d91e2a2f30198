namespace Gardefou.Simulation.Randomness;

/// <summary>Independent random streams: each purpose hashes into its own sequence, so adding a draw for one never shifts another.</summary>
public enum Purpose : ulong
{
    /// <summary>Commune sizes when scaling.</summary>
    Scaling = 1,

    /// <summary>Household sizes and ages.</summary>
    Households,

    /// <summary>Class assignment.</summary>
    School,

    /// <summary>Employment and workplace assignment.</summary>
    Work,

    /// <summary>Commuting destinations and public transport.</summary>
    Commute,

    /// <summary>App adoption.</summary>
    Adoption,

    /// <summary>Handset calibration offsets.</summary>
    Handset,

    /// <summary>Seeding of the epidemic.</summary>
    Seeding,

    /// <summary>Natural history of one infection.</summary>
    NaturalHistory,

    /// <summary>Daily pairings of a contact layer.</summary>
    Pairing,

    /// <summary>Activity of a pair in a round.</summary>
    Activity,

    /// <summary>Duration, distance and carrying of one contact.</summary>
    ContactShape,

    /// <summary>Transmission along one contact.</summary>
    Transmission,

    /// <summary>Symptom-driven behaviour.</summary>
    Behaviour,

    /// <summary>Tests.</summary>
    Testing,

    /// <summary>Quarantine decisions.</summary>
    Quarantine,

    /// <summary>Manual tracing recall.</summary>
    ManualTracing,

    /// <summary>Radio scans of one contact.</summary>
    Radio,

    /// <summary>Phone left behind on a given day.</summary>
    LeftBehind,

    /// <summary>App uploads and drop-out.</summary>
    App,

    /// <summary>Other causes of symptoms.</summary>
    OtherSymptoms,

    /// <summary>Privacy adversaries.</summary>
    Adversary,

    /// <summary>Taking part in the day's nationwide travel round.</summary>
    Travel,

    /// <summary>Contacts recalled under the manual-recall notification rule.</summary>
    AppRecall,
}
