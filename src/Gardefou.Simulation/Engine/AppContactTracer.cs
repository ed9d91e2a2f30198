using System.Collections;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Radio;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// The app's side of tracing: cases who accept upload their keys (once); what the uploads reveal is scored with the
/// design's notification rule (or handed to the real phones of <see cref="DeviceBridge"/>); notifications are shown
/// after the design's delay and the notified person reacts. Keeps the log of uploads and notifications the results
/// and the privacy figures are computed from.
/// </summary>
internal sealed class AppContactTracer
{
    private readonly RunContext _run;
    private readonly IsolationAndQuarantine _confinement;
    private readonly DeviceBridge? _devices;
    private readonly ExposureScoring _scoring;
    private readonly HashSet<int> _uploaded = [];
    private readonly List<(int Person, int Day)> _uploadsDue = [];
    private readonly List<PendingNotification> _notificationsDue = [];
    private readonly List<(int Other, Setting Setting, ulong Key)> _contacts = [];
    private readonly Dictionary<int, Exposure> _exposures = [];
    private readonly HashSet<int> _distinct = [];
    private readonly List<(int Person, int Day)> _uploads = [];
    private readonly List<Notification> _notifications = [];
    private readonly BitArray _revealed;

    public AppContactTracer(RunContext run, IsolationAndQuarantine confinement, DeviceBridge? devices)
    {
        _run = run;
        _confinement = confinement;
        _devices = devices;
        _scoring = new ExposureScoring(run.Parameters.App.Risk, run.Parameters.Radio.SecondsBetweenScans);
        _revealed = new BitArray(run.Population.Count);
    }

    /// <summary>The run's GAEN risk scoring (attenuation buckets, weights, threshold).</summary>
    public ExposureScoring Scoring => _scoring;

    /// <summary>Uploads made (uploader, day).</summary>
    public IReadOnlyList<(int Person, int Day)> Uploads => _uploads;

    /// <summary>Notifications shown.</summary>
    public IReadOnlyList<Notification> Notifications => _notifications;

    /// <summary>Contact-days that uploaders' phones heard (what a ROBERT or BlueTrace server receives).</summary>
    public long HeardByUploaders { get; private set; }

    /// <summary>Notifications caused by a phone left behind (no human contact behind them).</summary>
    public int LeftBehindAlerts { get; private set; }

    /// <summary>People who appear in what uploads reveal (uploaders and the people their phones heard).</summary>
    public int RevealedPeople
    {
        get
        {
            var count = 0;
            for (var i = 0; i < _revealed.Length; i++)
            {
                count += _revealed[i] ? 1 : 0;
            }
            return count;
        }
    }

    private int NotificationDelayDays => _run.Parameters.App.NotificationDelayDays ?? Simulator.NotificationDelay(_run.Parameters.App.Design);

    /// <summary>Assigns the app to the population on day 0 (who adopts, until when, and each handset's radio offset).</summary>
    public void InstallApps()
    {
        var app = _run.Parameters.App;
        var pop = _run.Population;
        var s = _run.State;
        var seed = _run.Seed;
        s.AppLaunchDay = (short)Math.Clamp(app.LaunchDay, 0, short.MaxValue);
        if (app.Adoption <= 0)
        {
            return;
        }
        var weightSum = 0.0;
        for (var i = 0; i < pop.Count; i++)
        {
            weightSum += app.AgeAdoption[pop.AgeBand[i]];
        }
        var scale = weightSum > 0 ? app.Adoption * pop.Count / weightSum : 0;
        var logKeep = Math.Log(1 - Math.Clamp(app.DropOutPerDay, 0, 0.999999));
        for (var i = 0; i < pop.Count; i++)
        {
            var probability = Math.Min(1, scale * app.AgeAdoption[pop.AgeBand[i]]);
            var household = (ulong)pop.HouseholdStart[i];
            // Shared household draw with probability HouseholdClustering keeps each person's marginal adoption unchanged
            // while making members adopt together; draws are nested across adoption levels (users at 12% ⊂ users at 30%).
            var shared = Hash.Chance(Hash.Of(seed, (ulong)Purpose.Adoption, household, 2), app.HouseholdClustering);
            var u = Hash.Unit(shared ? Hash.Of(seed, (ulong)Purpose.Adoption, household, 1) : Hash.Of(seed, (ulong)Purpose.Adoption, (ulong)i, 0));
            if (u >= probability)
            {
                continue;
            }
            var rng = new RandomStream(Hash.Of(seed, (ulong)Purpose.Handset, (ulong)i));
            var keep = logKeep < 0 ? Math.Log(1 - rng.NextDouble()) / logKeep : double.MaxValue;
            s.AppUntil[i] = (short)Math.Min(short.MaxValue, app.LaunchDay + keep);
            s.HandsetOffsetDb[i] = (sbyte)Math.Clamp(Math.Round(_run.Parameters.Radio.HandsetOffsetSdDb * rng.NextNormal()), -30, 30);
        }
    }

    // A person uploads once: after a positive test, or on symptoms when the app takes self-reports.
    public void OfferUpload(int person, int day)
    {
        var app = _run.Parameters.App;
        if (_run.State.HasApp(person, day) && !_uploaded.Contains(person) && Hash.Chance(Hash.Of(_run.Seed, (ulong)Purpose.App, (ulong)person), app.UploadFraction))
        {
            _uploaded.Add(person);
            _uploadsDue.Add((person, day + app.CodeDelayDays));
        }
    }

    /// <summary>Publishes the uploads due by <paramref name="day"/> and decides whom they will notify.</summary>
    public void PublishUploads(int day)
    {
        // Phones check the exports of earlier days before today's uploads, as the fast mode's one-day delay assumes.
        _devices?.CollectNotifications(day, _notificationsDue);
        var kept = 0;
        for (var k = 0; k < _uploadsDue.Count; k++)
        {
            var (person, due) = _uploadsDue[k];
            if (due > day)
            {
                _uploadsDue[kept++] = (person, due);
                continue;
            }
            _run.Daily.Uploads[day]++;
            _uploads.Add((person, day));
            _revealed[person] = true;
            if (_devices is null)
            {
                Trace(person, day);
            }
            else
            {
                _devices.Upload(person, day);
            }
        }
        _uploadsDue.RemoveRange(kept, _uploadsDue.Count - kept);
    }

    // Everything the uploader's keys (or, for ROBERT/BlueTrace, their received identifiers; for location tracing,
    // their places) reveal about the last MemoryDays days, scored per contact-day with the notification rule.
    private void Trace(int index, int day)
    {
        var app = _run.Parameters.App;
        var delay = NotificationDelayDays;
        var first = Math.Max(0, day - app.MemoryDays);
        for (var d = first; d < day; d++)
        {
            if (!_run.State.HasApp(index, d))
            {
                continue;
            }
            _exposures.Clear();
            if (app.Design == Design.Location)
            {
                CollectColocations(index, d);
            }
            else
            {
                CollectRadio(index, d);
            }
            foreach (var (other, exposure) in _exposures)
            {
                var notify = app.Design == Design.Location
                    ? exposure.WeightedMinutes >= app.ColocationMinutes
                    : exposure.Windows is { } windows && _scoring.ShouldNotify(windows);
                if (notify)
                {
                    _notificationsDue.Add(new PendingNotification(other, index, (short)d, (short)(day + delay), exposure.Close, exposure.Human));
                }
            }
        }
    }

    private void CollectRadio(int index, int day)
    {
        var s = _run.State;
        var p = _run.Parameters;
        Span<byte> scans = stackalloc byte[Radio.RadioChannel.MaxScans];
        var indexLeft = _run.PhoneLeftBehind(index, day);
        _run.ContactsOn(index, day, _contacts);
        foreach (var (other, setting, key) in _contacts)
        {
            // A phone left on a hook hears nothing of its owner's day away from it.
            if (!s.HasApp(other, day) || (setting != Setting.Home && (indexLeft || _run.PhoneLeftBehind(other, day))))
            {
                continue;
            }
            var shape = ContactShape.Of(key, setting, p.Contacts);
            var n = Radio.RadioChannel.Scan(key, setting, shape, s.HandsetOffsetDb[index], s.HandsetOffsetDb[other], p.Radio, scans);
            AddRadio(other, index, day, scans[..n], shape.IsClose(p.Radio), human: true);
        }
        _run.HookContactsOn(index, day, _contacts);
        foreach (var (other, setting, key) in _contacts)
        {
            var otherLeft = _run.PhoneLeftBehind(other, day);
            var bothPresent = (indexLeft || s.IsOut(index, day)) && (otherLeft || s.IsOut(other, day));
            if (!s.HasApp(other, day) || !(indexLeft || otherLeft) || !bothPresent)
            {
                continue;
            }
            var shape = ContactShape.Of(key, setting, p.Contacts);
            var n = Radio.RadioChannel.Scan(key, setting, shape, s.HandsetOffsetDb[index], s.HandsetOffsetDb[other], p.Radio, scans);
            AddRadio(other, index, day, scans[..n], false, human: false);
        }
    }

    // Location tracing cannot resolve metres: everyone in the same building (day group) that day, and everyone met
    // for 15 minutes or more elsewhere, is a "contact".
    private void CollectColocations(int index, int day)
    {
        var s = _run.State;
        var p = _run.Parameters;
        _run.ContactsOn(index, day, _contacts);
        foreach (var (other, setting, key) in _contacts)
        {
            var shape = ContactShape.Of(key, setting, p.Contacts);
            if (s.HasApp(other, day) && shape.Minutes >= p.App.ColocationMinutes)
            {
                AddColocation(other, shape.Minutes, shape.IsClose(p.Radio));
            }
        }
        var pop = _run.Population;
        var group = pop.DayGroup[index];
        if (group >= 0 && day % 7 < p.Contacts.WorkdaysPerWeek && s.IsOut(index, day))
        {
            var table = pop.DayGroups;
            for (var k = table.Start[group]; k < table.Start[group + 1]; k++)
            {
                var other = table.Members[k];
                if (other != index && s.HasApp(other, day) && s.IsOut(other, day))
                {
                    AddColocation(other, p.App.ColocationMinutes, false, human: false);
                }
            }
        }
    }

    private void AddColocation(int other, double weightedMinutes, bool close, bool human = true)
    {
        if (weightedMinutes > 0)
        {
            HeardByUploaders++;
            _revealed[other] = true;
        }
        _exposures.TryGetValue(other, out var e);
        _exposures[other] = new Exposure(e.WeightedMinutes + weightedMinutes, e.Close || close, e.Human || human, e.Windows);
    }

    // The uploader's key of that day carries its days since onset (sample date for asymptomatic cases), which the
    // configuration maps to an infectiousness weight, as a phone does after matching.
    private void AddRadio(int other, int index, int day, ReadOnlySpan<byte> scans, bool close, bool human)
    {
        var s = _run.State;
        _exposures.TryGetValue(other, out var e);
        var windows = e.Windows ?? [];
        var before = windows.Count;
        var incubation = s.Incubation[index];
        var onset = incubation != AgentState.NoSymptoms ? s.InfectedDay[index] + incubation : s.ConfirmedDay[index] - _run.Parameters.Interventions.TestTurnaroundDays;
        _scoring.AddWindows(windows, day, Math.Clamp(day - onset, -14, 14), scans);
        if (windows.Count > before)
        {
            HeardByUploaders++;
            _revealed[other] = true;
        }
        _exposures[other] = new Exposure(e.WeightedMinutes, e.Close || close, e.Human || human, windows);
    }

    /// <summary>Shows the notifications due by <paramref name="day"/>; the notified person quarantines and may ask <paramref name="caseFinding"/> for a test.</summary>
    public void DeliverNotifications(int day, CaseFinding caseFinding)
    {
        var s = _run.State;
        var app = _run.Parameters.App;
        var daily = _run.Daily;
        var kept = 0;
        for (var k = 0; k < _notificationsDue.Count; k++)
        {
            var n = _notificationsDue[k];
            if (n.Day > day)
            {
                _notificationsDue[kept++] = n;
                continue;
            }
            var person = n.Person;
            if (!s.HasApp(person, day) || s.State[person] == DiseaseState.Dead
                || (s.NotifiedDay[person] != AgentState.Never && day - s.NotifiedDay[person] < app.MemoryDays))
            {
                continue;
            }
            s.NotifiedDay[person] = (short)day;
            daily.Notifications[day]++;
            if (!n.Close)
            {
                daily.FalseAlerts[day]++;
            }
            if (!n.Human)
            {
                LeftBehindAlerts++;
            }
            _notifications.Add(new Notification(person, n.Index, n.ExposureDay, (short)day, n.Close, Candidates(person, n.ExposureDay, day)));
            if (_confinement.Quarantine(person, day, app.NotifiedCompliance) && app.NotifiedHouseholdQuarantine)
            {
                _confinement.QuarantineHousehold(person, day);
            }
            if (Hash.Chance(Hash.Of(_run.Seed, (ulong)Purpose.App, (ulong)person, (ulong)day), app.NotifiedTestSeeking))
            {
                caseFinding.ScheduleTest(person, Math.Max(day, n.ExposureDay + app.NotifiedTestAfterExposureDays));
            }
        }
        _notificationsDue.RemoveRange(kept, _notificationsDue.Count - kept);
    }

    // What the notified person can intersect with her memory: the people met on the day the design reveals
    // (GAEN, DP-3T, BlueTrace's call and location tracing give the day; ROBERT only says "at risk" in the last 14 days).
    private int Candidates(int person, int exposureDay, int day)
    {
        var app = _run.Parameters.App;
        _distinct.Clear();
        var from = app.Design == Design.Robert ? Math.Max(0, day - app.MemoryDays) : exposureDay;
        var to = app.Design == Design.Robert ? day : exposureDay + 1;
        for (var d = from; d < to; d++)
        {
            _run.ContactsOn(person, d, _contacts);
            foreach (var (other, _, _) in _contacts)
            {
                _distinct.Add(other);
            }
        }
        return _distinct.Count;
    }

    private readonly record struct Exposure(double WeightedMinutes, bool Close, bool Human, List<Protocol.Risk.ExposureWindow>? Windows);
}
