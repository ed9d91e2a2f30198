using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Privacy;

namespace Gardefou.Simulation.Engine;

/// <summary>What one run produced: totals, daily series, the notification cascade and the privacy figures.</summary>
public sealed record RunResult
{
    /// <summary>Population size.</summary>
    public required int People { get; init; }

    /// <summary>App adoption at the start.</summary>
    public required double Adoption { get; init; }

    /// <summary>Design.</summary>
    public required Design Design { get; init; }

    /// <summary>The notification rule of the run.</summary>
    public NotificationRule Rule { get; init; }

    /// <summary>Seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Calibrated transmission rate.</summary>
    public required double Beta { get; init; }

    /// <summary>Total infections (seeds included).</summary>
    public required int Infections { get; init; }

    /// <summary>Hospital admissions.</summary>
    public required int Hospitalisations { get; init; }

    /// <summary>Deaths.</summary>
    public required int Deaths { get; init; }

    /// <summary>Tests performed.</summary>
    public required int Tests { get; init; }

    /// <summary>Positive results.</summary>
    public required int Positives { get; init; }

    /// <summary>Key uploads.</summary>
    public required int Uploads { get; init; }

    /// <summary>Notifications delivered.</summary>
    public required int Notifications { get; init; }

    /// <summary>Notifications with a real close contact.</summary>
    public required int TrueAlerts { get; init; }

    /// <summary>Notifications without a real contact within 2 m for 15 minutes with the uploader that day (the radio's error, not the share of notified people left uninfected).</summary>
    public required int FalseAlerts { get; init; }

    /// <summary>Notifications caused by a phone left behind (no human contact at all behind them).</summary>
    public required int LeftBehindAlerts { get; init; }

    /// <summary>Notified people infected between two days before the exposure and 14 days after it (count).</summary>
    public required int NotifiedInfected { get; init; }

    /// <summary>Notified people not infected around the exposure (the complement of <see cref="NotifiedInfected"/>).</summary>
    public int NotifiedNotInfected => Notifications - NotifiedInfected;

    /// <summary>Share of notified people infected between two days before the exposure and 14 days after it (the model's secondary attack rate among notified; not observable in the field).</summary>
    public required double SecondaryAttackRateNotified { get; init; }

    /// <summary>Notified people with a positive test within 14 days of the notification (what the NHS and CWA measured as 6%).</summary>
    public required double PositiveAmongNotified { get; init; }

    /// <summary>Notified people infected by the uploader who notified them.</summary>
    public required double InfectedByIndexAmongNotified { get; init; }

    /// <summary>Days spent in quarantine or isolation by people not infected on that day.</summary>
    public required long QuarantineDaysUninfected { get; init; }

    /// <summary>Attack rate: infections / people.</summary>
    public double AttackRate => (double)Infections / People;

    /// <summary>Notifications per uploading case (NHS app: 4.2; SwissCovid Zurich: ~4.2 per code).</summary>
    public double NotificationsPerUpload => Uploads == 0 ? 0 : (double)Notifications / Uploads;

    /// <summary>Share of notifications whose recipient was not infected around the exposure (two days before to 14 after): what a notified person would call a false alert.</summary>
    public double NotifiedNotInfectedShare => Notifications == 0 ? 0 : (double)NotifiedNotInfected / Notifications;

    /// <summary>False alerts per true alert.</summary>
    public double FalseAlertsPerTrueAlert => TrueAlerts == 0 ? 0 : (double)FalseAlerts / TrueAlerts;

    /// <summary>Per-day counts.</summary>
    public required DailySeries Daily { get; init; }

    /// <summary>Privacy figures per adversary.</summary>
    public required PrivacyReport Privacy { get; init; }
}
