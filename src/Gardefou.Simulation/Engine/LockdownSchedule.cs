using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// The contact activity of each day: 1 normally, <see cref="InterventionParameters.LockdownContactFactor"/> during a
/// lockdown on fixed dates or one triggered by the weekly incidence of positive tests (once per run).
/// </summary>
internal sealed class LockdownSchedule
{
    private readonly InterventionParameters _interventions;
    private readonly double[] _activity;
    private int _triggeredUntil = -1;
    private bool _triggered;

    public LockdownSchedule(SimulationParameters parameters)
    {
        _interventions = parameters.Interventions;
        _activity = new double[parameters.Days];
        Array.Fill(_activity, 1.0);
    }

    /// <summary>The factor applied to non-household contacts on <paramref name="day"/>.</summary>
    public double ActivityOn(int day) => _activity[day];

    /// <summary>Decides whether <paramref name="day"/> is under lockdown, from the positives of the seven days before it.</summary>
    public void Update(int day, DailySeries daily, int people)
    {
        var trigger = _interventions.LockdownTriggerPer100k;
        if (trigger > 0 && !_triggered && day >= 7)
        {
            var week = 0;
            for (var d = day - 7; d < day; d++)
            {
                week += daily.Positives[d];
            }
            if (week / 7.0 * 100_000 / people >= trigger)
            {
                _triggered = true;
                _triggeredUntil = day + _interventions.LockdownDays;
            }
        }
        if (_interventions.LockdownStartDay is { } start && day >= start && day < (_interventions.LockdownEndDay ?? int.MaxValue))
        {
            _activity[day] = _interventions.LockdownContactFactor;
            daily.Lockdown[day] = true;
        }
        if (day < _triggeredUntil)
        {
            _activity[day] = _interventions.LockdownContactFactor;
            daily.Lockdown[day] = true;
        }
    }
}
