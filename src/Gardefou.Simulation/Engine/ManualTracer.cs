using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// Contact tracing by interview: some days after a positive result the case recalls a share of the people met
/// (per setting) since shortly before the test, and those who comply quarantine. Households are left to the
/// household quarantine rule.
/// </summary>
internal sealed class ManualTracer
{
    private readonly RunContext _run;
    private readonly IsolationAndQuarantine _confinement;
    private readonly List<(int Person, int Day)> _interviewsDue = [];
    private readonly List<(int Other, Setting Setting, ulong Key)> _contacts = [];

    public ManualTracer(RunContext run, IsolationAndQuarantine confinement)
    {
        _run = run;
        _confinement = confinement;
    }

    /// <summary>Books the interview of a confirmed case on <paramref name="day"/>.</summary>
    public void Schedule(int person, int day) => _interviewsDue.Add((person, day));

    /// <summary>Holds the interviews due by <paramref name="day"/> and quarantines the contacts recalled.</summary>
    public void Trace(int day)
    {
        var iv = _run.Parameters.Interventions;
        var recall = iv.ManualTracingRecall;
        var kept = 0;
        for (var k = 0; k < _interviewsDue.Count; k++)
        {
            var (index, due) = _interviewsDue[k];
            if (due > day)
            {
                _interviewsDue[kept++] = (index, due);
                continue;
            }
            var from = Math.Max(0, _run.State.ConfirmedDay[index] - iv.TestTurnaroundDays - iv.ManualTracingLookbackDays);
            for (var d = from; d < day; d++)
            {
                _run.ContactsOn(index, d, _contacts);
                foreach (var (other, setting, key) in _contacts)
                {
                    if (setting != Setting.Home && Hash.Chance(Hash.Of(key, (ulong)Purpose.ManualTracing), recall[(int)setting - 1]))
                    {
                        _confinement.Quarantine(other, day, iv.QuarantineCompliance);
                    }
                }
            }
        }
        _interviewsDue.RemoveRange(kept, _interviewsDue.Count - kept);
    }
}
