namespace Gardefou.Simulation.Engine;

/// <summary>Counts per simulated day.</summary>
public sealed class DailySeries
{
    /// <summary>Allocates series for <paramref name="days"/> days.</summary>
    public DailySeries(int days)
    {
        Infections = new int[days];
        Symptomatic = new int[days];
        Hospitalisations = new int[days];
        Deaths = new int[days];
        Tests = new int[days];
        Positives = new int[days];
        Uploads = new int[days];
        Notifications = new int[days];
        FalseAlerts = new int[days];
        Quarantined = new int[days];
        Lockdown = new bool[days];
    }

    /// <summary>New infections.</summary>
    public int[] Infections { get; }

    /// <summary>New symptom onsets.</summary>
    public int[] Symptomatic { get; }

    /// <summary>Hospital admissions.</summary>
    public int[] Hospitalisations { get; }

    /// <summary>Deaths.</summary>
    public int[] Deaths { get; }

    /// <summary>Tests performed.</summary>
    public int[] Tests { get; }

    /// <summary>Positive results.</summary>
    public int[] Positives { get; }

    /// <summary>Key uploads.</summary>
    public int[] Uploads { get; }

    /// <summary>App notifications delivered.</summary>
    public int[] Notifications { get; }

    /// <summary>Notifications without a real close contact (≤ 2 m, ≥ 15 min) with the uploader.</summary>
    public int[] FalseAlerts { get; }

    /// <summary>New quarantine orders followed.</summary>
    public int[] Quarantined { get; }

    /// <summary>Days under lockdown.</summary>
    public bool[] Lockdown { get; }
}
