namespace Gardefou.Simulation.Parameters;

/// <summary>
/// Non-app interventions. Defaults follow Hinch et al. 2020 (report to NHSX): 80% of symptomatic people
/// self-isolate, 7-day isolation, 14-day quarantine, 2%/day drop-out; lockdown 35 days from a trigger.
/// </summary>
public sealed record InterventionParameters
{
    /// <summary>Share of symptomatic people who self-isolate on symptom onset (Hinch: 0.8).</summary>
    public double SelfIsolationCompliance { get; init; } = 0.8;

    /// <summary>Days of self-isolation after onset (Hinch: 7; 10 if positive).</summary>
    public int IsolationDays { get; init; } = 10;

    /// <summary>When false, isolation also stops household contacts (used to compare with the Ferretti model).</summary>
    public bool IsolationKeepsHouseholdContacts { get; init; } = true;

    /// <summary>Share of symptomatic self-isolators who ask for a test.</summary>
    public double TestSeeking { get; init; } = 0.8;

    /// <summary>Tests available per 1,000 people per day (France, November 2020: about 2 million a week for 67 million people, ≈ 4–5; the resource the registry publishes).</summary>
    public double TestsPerThousandPerDay { get; init; } = 5;

    /// <summary>Days from test to result (France, autumn 2020: 1–3).</summary>
    public int TestTurnaroundDays { get; init; } = 2;

    /// <summary>PCR sensitivity while detectable.</summary>
    public double TestSensitivity { get; init; } = 0.85;

    /// <summary>Quarantine the household of a positive case.</summary>
    public bool HouseholdQuarantine { get; init; } = true;

    /// <summary>Share of quarantine orders that are followed (Hinch: 0.8).</summary>
    public double QuarantineCompliance { get; init; } = 0.8;

    /// <summary>Days of quarantine for contacts (Hinch: 14).</summary>
    public int QuarantineDays { get; init; } = 14;

    /// <summary>Daily probability of leaving quarantine early (Hinch: 0.02).</summary>
    public double QuarantineDropOutPerDay { get; init; } = 0.02;

    /// <summary>Manual tracing enabled.</summary>
    public bool ManualTracing { get; init; } = true;

    /// <summary>Days from positive result to manual tracing calls (Ferretti: 3 days makes tracing fail).</summary>
    public int ManualTracingDelayDays { get; init; } = 2;

    /// <summary>Probability of recalling and reaching a school or work contact / a random contact / a transport contact.</summary>
    public IReadOnlyList<double> ManualTracingRecall { get; init; } = [0.7, 0.7, 0.0, 0.15];

    /// <summary>Days before the test that manual tracers ask about.</summary>
    public int ManualTracingLookbackDays { get; init; } = 2;

    /// <summary>Lockdown starts when confirmed cases per day exceed this per 100,000 people; 0 disables lockdowns.</summary>
    public double LockdownTriggerPer100k { get; init; } = 0;

    /// <summary>Lockdown length in days (Hinch: 35).</summary>
    public int LockdownDays { get; init; } = 35;

    /// <summary>First day of a lockdown on fixed dates (null = none); it lasts until <see cref="LockdownEndDay"/>.</summary>
    public int? LockdownStartDay { get; init; }

    /// <summary>First day after a lockdown on fixed dates.</summary>
    public int? LockdownEndDay { get; init; }

    /// <summary>
    /// Multiplier on the non-household contacts of people aged 70 and over (shielding; Hinch et al. shield over-70s):
    /// 1 = no shielding (default), 0 = none at all.
    /// </summary>
    public double ShieldingOver70ContactFactor { get; init; } = 1;

    /// <summary>Multiplier on work, school, transport and random contacts during lockdown (Hinch: 0.2).</summary>
    public double LockdownContactFactor { get; init; } = 0.2;
}
