using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// What every part of one run reads: its parameters and seed, the population, the per-person state, the contact
/// walker, the lockdown schedule and the daily counts. The parts that own state of their own (disease progression,
/// case finding, isolation and quarantine, app and manual tracing, the device bridge) each hold this one object.
/// </summary>
internal sealed class RunContext
{
    public RunContext(SimulationParameters parameters, SyntheticPopulation population)
    {
        Parameters = parameters;
        Population = population;
        Seed = parameters.Seed;
        State = new AgentState(population.Count);
        Walker = new ContactWalker(population, State, parameters);
        Lockdown = new LockdownSchedule(parameters);
        Daily = new DailySeries(parameters.Days);
    }

    public SimulationParameters Parameters { get; }

    public SyntheticPopulation Population { get; }

    public ulong Seed { get; }

    public AgentState State { get; }

    public ContactWalker Walker { get; }

    public LockdownSchedule Lockdown { get; }

    public DailySeries Daily { get; }

    /// <summary>Fills <paramref name="into"/> with the human contacts of <paramref name="person"/> on <paramref name="day"/>, as transmission saw them.</summary>
    public void ContactsOn(int person, int day, List<(int Other, Setting Setting, ulong Key)> into)
    {
        into.Clear();
        var collect = new ContactCollector(into);
        Walker.Walk(person, day, Lockdown.ActivityOn(day), Parameters.Interventions.IsolationKeepsHouseholdContacts, ref collect);
    }

    /// <summary>Fills <paramref name="into"/> with the people around the hook where <paramref name="person"/>'s phone would be left that day.</summary>
    public void HookContactsOn(int person, int day, List<(int Other, Setting Setting, ulong Key)> into)
    {
        into.Clear();
        var hook = new ContactCollector(into);
        Walker.WalkHook(person, day, Parameters.App.LeftBehindRounds, ref hook);
    }

    /// <summary>Whether the person's phone stays on a hook at school or work that day while its owner is out.</summary>
    public bool PhoneLeftBehind(int person, int day) =>
        Population.DayGroup[person] >= 0 && day % 7 < Parameters.Contacts.WorkdaysPerWeek && State.IsOut(person, day)
        && Hash.Chance(Hash.Of(Seed, (ulong)Purpose.LeftBehind, (ulong)person, (ulong)day), Parameters.App.PhoneLeftBehindPerDay);
}
