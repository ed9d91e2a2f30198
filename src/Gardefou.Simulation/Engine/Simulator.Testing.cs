using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

public sealed partial class Simulator
{
    private readonly Queue<(int Person, int Day)> _testQueue = new();
    private readonly Queue<(int Person, int Day, bool Positive)> _results = new();
    private readonly List<(int Person, int Day)> _manualDue = [];
    private readonly List<(int Person, int Day)> _testsScheduled = [];
    private readonly HashSet<int> _uploaded = [];

    /// <summary>Requests older than this are abandoned (people give up waiting for a test).</summary>
    private const int TestPatienceDays = 5;

    private void RequestTest(int person, int day)
    {
        // One test at a time: a request waits while one is queued or awaiting its result (cleared when the result
        // comes), so that symptoms that start after a negative test taken on notification earn a new test.
        if (_s.ConfirmedDay[person] != AgentState.Never
            || (_s.TestRequested[person] != AgentState.Never && day - _s.TestRequested[person] < 7))
        {
            return;
        }
        _s.TestRequested[person] = (short)day;
        _testQueue.Enqueue((person, day));
    }

    // Contacts are told to test some days after the exposure (a test taken the day after is almost always negative).
    private void ScheduleTest(int person, int day) => _testsScheduled.Add((person, day));

    private void Testing(int day)
    {
        var iv = _p.Interventions;
        var waiting = 0;
        for (var k = 0; k < _testsScheduled.Count; k++)
        {
            var (person, due) = _testsScheduled[k];
            if (due > day)
            {
                _testsScheduled[waiting++] = (person, due);
            }
            else if (_s.State[person] != DiseaseState.Dead)
            {
                RequestTest(person, day);
            }
        }
        _testsScheduled.RemoveRange(waiting, _testsScheduled.Count - waiting);
        var exact = iv.TestsPerThousandPerDay * _pop.Count / 1000.0;
        var capacity = (int)Math.Floor(exact) + (Hash.Chance(Hash.Of(_seed, (ulong)Purpose.Testing, (ulong)day), exact - Math.Floor(exact)) ? 1 : 0);
        while (capacity > 0 && _testQueue.Count > 0)
        {
            var (person, requested) = _testQueue.Dequeue();
            if (day - requested > TestPatienceDays || _s.State[person] == DiseaseState.Dead)
            {
                _s.TestRequested[person] = AgentState.Never;
                continue;
            }
            capacity--;
            _daily.Tests[day]++;
            var age = day - _s.InfectedDay[person];
            var positive = _s.State[person] == DiseaseState.Infected && age >= 2 && age < _p.Disease.DetectableDays
                && Hash.Chance(Hash.Of(_seed, (ulong)Purpose.Testing, (ulong)person, (ulong)day), iv.TestSensitivity);
            _results.Enqueue((person, day + iv.TestTurnaroundDays, positive));
        }
        while (_results.Count > 0 && _results.Peek().Day <= day)
        {
            var (person, _, positive) = _results.Dequeue();
            _s.TestRequested[person] = AgentState.Never;
            var sampled = day - iv.TestTurnaroundDays;
            if (positive)
            {
                OnPositive(person, day);
            }
            else if (_s.ConfirmedDay[person] == AgentState.Never && _s.IsolationStart[person] <= sampled
                && day >= _s.IsolationStart[person] && day < _s.IsolationEnd[person])
            {
                // A negative result ends the isolation that was under way when the sample was taken (symptoms that
                // start afterwards are not covered by it); quarantine orders stand.
                _s.IsolationEnd[person] = (short)day;
                _confinement.SetIsolationEnd(person, day);
            }
        }
    }

    private void OnPositive(int person, int day)
    {
        var iv = _p.Interventions;
        _s.ConfirmedDay[person] = (short)day;
        _daily.Positives[day]++;
        if (Hash.Chance(Hash.Of(_seed, (ulong)Purpose.Behaviour, (ulong)person, 1_000_000), iv.SelfIsolationCompliance))
        {
            Isolate(person, day, iv.IsolationDays);
        }
        if (iv.HouseholdQuarantine)
        {
            QuarantineHousehold(person, day);
        }
        if (iv.ManualTracing)
        {
            _manualDue.Add((person, day + iv.ManualTracingDelayDays));
        }
        if (!_p.App.UploadOnSymptoms)
        {
            OfferUpload(person, day);
        }
    }

    // A person uploads once: after a positive test, or on symptoms when the app takes self-reports.
    private void OfferUpload(int person, int day)
    {
        if (_s.HasApp(person, day) && !_uploaded.Contains(person) && Hash.Chance(Hash.Of(_seed, (ulong)Purpose.App, (ulong)person), _p.App.UploadFraction))
        {
            _uploaded.Add(person);
            _uploadsDue.Add((person, day + _p.App.CodeDelayDays));
        }
    }

    private void QuarantineHousehold(int person, int day)
    {
        var start = _pop.HouseholdStart[person];
        for (var m = start; m < start + _pop.HouseholdSize[person]; m++)
        {
            if (m != person)
            {
                Quarantine(m, day, _p.Interventions.QuarantineCompliance);
            }
        }
    }

    private void Isolate(int person, int day, int days)
    {
        if (day >= _s.IsolationStart[person] && day < _s.IsolationEnd[person])
        {
            _s.IsolationEnd[person] = (short)Math.Max(_s.IsolationEnd[person], day + days);
            _confinement.SetIsolationEnd(person, _s.IsolationEnd[person]);
            return;
        }
        _s.IsolationStart[person] = (short)day;
        _s.IsolationEnd[person] = (short)(day + days);
        _confinement.StartIsolation(person, day, day + days);
    }

    /// <returns>True when the person quarantines from today.</returns>
    private bool Quarantine(int person, int day, double compliance)
    {
        if (_s.State[person] == DiseaseState.Dead
            || (day >= _s.QuarantineStart[person] && day < _s.QuarantineEnd[person])
            || !Hash.Chance(Hash.Of(_seed, (ulong)Purpose.Quarantine, (ulong)person, (ulong)day), compliance))
        {
            return false;
        }
        var iv = _p.Interventions;
        var days = iv.QuarantineDays;
        if (iv.QuarantineDropOutPerDay > 0)
        {
            var u = Hash.Unit(Hash.Of(_seed, (ulong)Purpose.Quarantine, (ulong)person, (ulong)day, 1));
            days = (int)Math.Min(days, Math.Floor(Math.Log(1 - u) / Math.Log(1 - iv.QuarantineDropOutPerDay)) + 1);
        }
        _s.QuarantineStart[person] = (short)day;
        _s.QuarantineEnd[person] = (short)(day + days);
        _confinement.AddQuarantine(person, day, day + days);
        _daily.Quarantined[day]++;
        return true;
    }
}
