namespace Gardefou.Simulation.Engine;

/// <summary>
/// Mutable per-person state as structure-of-arrays (about 32 bytes per person). Days are stored as <see cref="short"/>;
/// <see cref="Never"/> marks "not yet". Intervals keep only the latest episode, which is what tracing a past day needs
/// in all but rare overlapping cases.
/// </summary>
public sealed class AgentState
{
    /// <summary>Marks a day that has not happened.</summary>
    public const short Never = short.MinValue;

    /// <summary>Incubation value of an asymptomatic infection.</summary>
    public const byte NoSymptoms = byte.MaxValue;

    /// <summary>Allocates state for <paramref name="count"/> people, all susceptible.</summary>
    public AgentState(int count)
    {
        State = new DiseaseState[count];
        InfectedDay = new short[count];
        Incubation = new byte[count];
        Outcome = new byte[count];
        Infectiousness = new float[count];
        Infector = new int[count];
        IsolationStart = new short[count];
        IsolationEnd = new short[count];
        QuarantineStart = new short[count];
        QuarantineEnd = new short[count];
        AppUntil = new short[count];
        HandsetOffsetDb = new sbyte[count];
        NotifiedDay = new short[count];
        ConfirmedDay = new short[count];
        TestRequested = new short[count];
        Array.Fill(InfectedDay, Never);
        Array.Fill(Infector, -1);
        Array.Fill(IsolationStart, Never);
        Array.Fill(IsolationEnd, Never);
        Array.Fill(QuarantineStart, Never);
        Array.Fill(QuarantineEnd, Never);
        Array.Fill(AppUntil, Never);
        Array.Fill(NotifiedDay, Never);
        Array.Fill(ConfirmedDay, Never);
        Array.Fill(TestRequested, Never);
    }

    /// <summary>Outcome flag: will be admitted to hospital.</summary>
    public const byte Hospitalised = 1;

    /// <summary>Outcome flag: will die.</summary>
    public const byte Dies = 2;

    /// <summary>Disease state.</summary>
    public DiseaseState[] State { get; }

    /// <summary>Day of infection.</summary>
    public short[] InfectedDay { get; }

    /// <summary>Days from infection to symptom onset, or <see cref="NoSymptoms"/>.</summary>
    public byte[] Incubation { get; }

    /// <summary><see cref="Hospitalised"/> | <see cref="Dies"/>.</summary>
    public byte[] Outcome { get; }

    /// <summary>Individual infectiousness multiplier (over-dispersion × asymptomatic factor).</summary>
    public float[] Infectiousness { get; }

    /// <summary>Who infected this person (−1 for seeds and the uninfected).</summary>
    public int[] Infector { get; }

    /// <summary>First day of self-isolation.</summary>
    public short[] IsolationStart { get; }

    /// <summary>First day after self-isolation.</summary>
    public short[] IsolationEnd { get; }

    /// <summary>First day of (complied) quarantine.</summary>
    public short[] QuarantineStart { get; }

    /// <summary>First day after quarantine (drop-out included).</summary>
    public short[] QuarantineEnd { get; }

    /// <summary>Runs the app on days before this one (<see cref="Never"/> = not a user).</summary>
    public short[] AppUntil { get; }

    /// <summary>Residual calibration error of the person's handset in dB.</summary>
    public sbyte[] HandsetOffsetDb { get; }

    /// <summary>Last day the app notified this person.</summary>
    public short[] NotifiedDay { get; }

    /// <summary>Day of a positive test result.</summary>
    public short[] ConfirmedDay { get; }

    /// <summary>Day of the last test request (to avoid duplicates).</summary>
    public short[] TestRequested { get; }

    /// <summary>Bytes per person held here.</summary>
    public static int BytesPerPerson => 1 + 2 + 1 + 1 + 4 + 4 + 2 * 4 + 2 + 1 + 2 * 3;

    /// <summary>True when the person goes out on <paramref name="day"/> (not isolating, not quarantined, alive).</summary>
    public bool IsOut(int person, int day) =>
        State[person] != DiseaseState.Dead
        && !(day >= IsolationStart[person] && day < IsolationEnd[person])
        && !(day >= QuarantineStart[person] && day < QuarantineEnd[person]);

    /// <summary>Day the app is launched: nobody runs it before.</summary>
    public short AppLaunchDay { get; set; }

    /// <summary>True when the person runs the app on <paramref name="day"/>.</summary>
    public bool HasApp(int person, int day) => day >= AppLaunchDay && day < AppUntil[person];
}
