using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// How cases are found and what follows: people with symptoms (COVID or other) self-isolate and ask for a test,
/// notified contacts book one; tests are done within a daily capacity and come back after the turnaround; a positive
/// result leads to isolation, household quarantine, a manual-tracing interview and the offer to upload keys.
/// </summary>
internal sealed class CaseFinding
{
    /// <summary>Requests older than this are abandoned (people give up waiting for a test).</summary>
    private const int TestPatienceDays = 5;

    private readonly RunContext _run;
    private readonly IsolationAndQuarantine _confinement;
    private readonly ManualTracer _manualTracer;
    private readonly AppContactTracer _appTracer;
    private readonly Queue<(int Person, int Day)> _testQueue = new();
    private readonly Queue<(int Person, int Day, bool Positive)> _results = new();
    private readonly List<(int Person, int Day)> _testsBooked = [];

    public CaseFinding(RunContext run, IsolationAndQuarantine confinement, ManualTracer manualTracer, AppContactTracer appTracer)
    {
        _run = run;
        _confinement = confinement;
        _manualTracer = manualTracer;
        _appTracer = appTracer;
    }

    /// <summary>A person's symptoms start (or other symptoms appear): they may self-isolate, upload (self-report) and ask for a test.</summary>
    public void OnSymptoms(int person, int day)
    {
        var iv = _run.Parameters.Interventions;
        var h = Hash.Of(_run.Seed, (ulong)Purpose.Behaviour, (ulong)person, (ulong)day);
        if (!Hash.Chance(h, iv.SelfIsolationCompliance))
        {
            return;
        }
        _confinement.Isolate(person, day, iv.IsolationDays);
        if (_run.Parameters.App.UploadOnSymptoms)
        {
            _appTracer.OfferUpload(person, day);
        }
        if (Hash.Chance(Hash.Of(h, 1), iv.TestSeeking))
        {
            RequestTest(person, day);
        }
    }

    /// <summary>Symptoms that are not COVID-19 (colds, flu) appear in people out and about, at the configured daily rate.</summary>
    public void OtherSymptoms(int day)
    {
        var pop = _run.Population;
        var rng = new RandomStream(Hash.Of(_run.Seed, (ulong)Purpose.OtherSymptoms, (ulong)day));
        var count = rng.NextPoisson(pop.Count * _run.Parameters.Disease.OtherSymptomsPerDay);
        for (var k = 0; k < count; k++)
        {
            var person = rng.NextInt(pop.Count);
            if (_run.State.State[person] != DiseaseState.Dead && _run.State.IsOut(person, day))
            {
                OnSymptoms(person, day);
            }
        }
    }

    // Contacts are told to test some days after the exposure (a test taken the day after is almost always negative).
    public void ScheduleTest(int person, int day) => _testsBooked.Add((person, day));

    /// <summary>Queues the booked tests due today, tests as many people as capacity allows and hands out the results due today.</summary>
    public void Test(int day)
    {
        var s = _run.State;
        var iv = _run.Parameters.Interventions;
        var waiting = 0;
        for (var k = 0; k < _testsBooked.Count; k++)
        {
            var (person, due) = _testsBooked[k];
            if (due > day)
            {
                _testsBooked[waiting++] = (person, due);
            }
            else if (s.State[person] != DiseaseState.Dead)
            {
                RequestTest(person, day);
            }
        }
        _testsBooked.RemoveRange(waiting, _testsBooked.Count - waiting);
        var exact = iv.TestsPerThousandPerDay * _run.Population.Count / 1000.0;
        var capacity = (int)Math.Floor(exact) + (Hash.Chance(Hash.Of(_run.Seed, (ulong)Purpose.Testing, (ulong)day), exact - Math.Floor(exact)) ? 1 : 0);
        while (capacity > 0 && _testQueue.Count > 0)
        {
            var (person, requested) = _testQueue.Dequeue();
            if (day - requested > TestPatienceDays || s.State[person] == DiseaseState.Dead)
            {
                s.TestRequested[person] = AgentState.Never;
                continue;
            }
            capacity--;
            _run.Daily.Tests[day]++;
            var age = day - s.InfectedDay[person];
            var positive = s.State[person] == DiseaseState.Infected && age >= 2 && age < _run.Parameters.Disease.DetectableDays
                && Hash.Chance(Hash.Of(_run.Seed, (ulong)Purpose.Testing, (ulong)person, (ulong)day), iv.TestSensitivity);
            _results.Enqueue((person, day + iv.TestTurnaroundDays, positive));
        }
        while (_results.Count > 0 && _results.Peek().Day <= day)
        {
            var (person, _, positive) = _results.Dequeue();
            s.TestRequested[person] = AgentState.Never;
            if (positive)
            {
                OnPositive(person, day);
            }
            else
            {
                _confinement.OnNegativeTest(person, day, day - iv.TestTurnaroundDays);
            }
        }
    }

    private void RequestTest(int person, int day)
    {
        var s = _run.State;
        // One test at a time: a request waits while one is queued or awaiting its result (cleared when the result
        // comes), so that symptoms that start after a negative test taken on notification earn a new test.
        if (s.ConfirmedDay[person] != AgentState.Never
            || (s.TestRequested[person] != AgentState.Never && day - s.TestRequested[person] < 7))
        {
            return;
        }
        s.TestRequested[person] = (short)day;
        _testQueue.Enqueue((person, day));
    }

    private void OnPositive(int person, int day)
    {
        var iv = _run.Parameters.Interventions;
        _run.State.ConfirmedDay[person] = (short)day;
        _run.Daily.Positives[day]++;
        if (Hash.Chance(Hash.Of(_run.Seed, (ulong)Purpose.Behaviour, (ulong)person, 1_000_000), iv.SelfIsolationCompliance))
        {
            _confinement.Isolate(person, day, iv.IsolationDays);
        }
        if (iv.HouseholdQuarantine)
        {
            _confinement.QuarantineHousehold(person, day);
        }
        if (iv.ManualTracing)
        {
            _manualTracer.Schedule(person, day + iv.ManualTracingDelayDays);
        }
        if (!_run.Parameters.App.UploadOnSymptoms)
        {
            _appTracer.OfferUpload(person, day);
        }
    }
}
