using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// Who stays home and until when: self-isolation of cases (extended by new symptoms, ended by a negative test) and
/// quarantine of contacts (with daily drop-out). Writes the periods into the per-person state, which contact
/// generation reads, and keeps the <see cref="ConfinementLog"/> of the periods as they were really stayed.
/// </summary>
internal sealed class IsolationAndQuarantine
{
    private readonly RunContext _run;
    private readonly ConfinementLog _log = new();

    public IsolationAndQuarantine(RunContext run) => _run = run;

    /// <summary>Person-days spent at home while not infected (see <see cref="ConfinementLog.UninfectedDays"/>).</summary>
    public long UninfectedDays() => _log.UninfectedDays(_run.State, _run.Parameters.Days);

    /// <summary>Starts an isolation of <paramref name="days"/> days, or extends the one under way.</summary>
    public void Isolate(int person, int day, int days)
    {
        var s = _run.State;
        if (day >= s.IsolationStart[person] && day < s.IsolationEnd[person])
        {
            s.IsolationEnd[person] = (short)Math.Max(s.IsolationEnd[person], day + days);
            _log.SetIsolationEnd(person, s.IsolationEnd[person]);
            return;
        }
        s.IsolationStart[person] = (short)day;
        s.IsolationEnd[person] = (short)(day + days);
        _log.StartIsolation(person, day, day + days);
    }

    // A negative result ends the isolation that was under way when the sample was taken (symptoms that start
    // afterwards are not covered by it); quarantine orders stand.
    public void OnNegativeTest(int person, int day, int sampled)
    {
        var s = _run.State;
        if (s.ConfirmedDay[person] == AgentState.Never && s.IsolationStart[person] <= sampled
            && day >= s.IsolationStart[person] && day < s.IsolationEnd[person])
        {
            s.IsolationEnd[person] = (short)day;
            _log.SetIsolationEnd(person, day);
        }
    }

    /// <summary>Asks the person to quarantine from <paramref name="day"/>; they do with probability <paramref name="compliance"/>.</summary>
    /// <returns>True when the person quarantines from today.</returns>
    public bool Quarantine(int person, int day, double compliance)
    {
        var s = _run.State;
        var seed = _run.Seed;
        if (s.State[person] == DiseaseState.Dead
            || (day >= s.QuarantineStart[person] && day < s.QuarantineEnd[person])
            || !Hash.Chance(Hash.Of(seed, (ulong)Purpose.Quarantine, (ulong)person, (ulong)day), compliance))
        {
            return false;
        }
        var iv = _run.Parameters.Interventions;
        var days = iv.QuarantineDays;
        if (iv.QuarantineDropOutPerDay > 0)
        {
            var u = Hash.Unit(Hash.Of(seed, (ulong)Purpose.Quarantine, (ulong)person, (ulong)day, 1));
            days = (int)Math.Min(days, Math.Floor(Math.Log(1 - u) / Math.Log(1 - iv.QuarantineDropOutPerDay)) + 1);
        }
        s.QuarantineStart[person] = (short)day;
        s.QuarantineEnd[person] = (short)(day + days);
        _log.AddQuarantine(person, day, day + days);
        _run.Daily.Quarantined[day]++;
        return true;
    }

    /// <summary>Asks everyone else in the person's household to quarantine.</summary>
    public void QuarantineHousehold(int person, int day)
    {
        var pop = _run.Population;
        var start = pop.HouseholdStart[person];
        for (var m = start; m < start + pop.HouseholdSize[person]; m++)
        {
            if (m != person)
            {
                Quarantine(m, day, _run.Parameters.Interventions.QuarantineCompliance);
            }
        }
    }
}
