using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

public sealed partial class Simulator
{
    private readonly List<(int Person, int Day)> _uploadsDue = [];
    private readonly List<Pending> _notifyDue = [];
    private readonly List<(int Other, Setting Setting, ulong Key)> _scratch = [];
    private readonly Dictionary<int, Exposure> _exposures = [];
    private long _heardByUploaders;
    private int _leftBehindAlerts;
    private System.Collections.BitArray _graphNodes = new(0);

    /// <summary>Days from upload to the notification being shown, per design (daily download or polling; BlueTrace needs a phone call).</summary>
    public static int NotificationDelay(Design design) => design == Design.BlueTrace ? 2 : 1;

    private int NotificationDelayDays => _p.App.NotificationDelayDays ?? NotificationDelay(_p.App.Design);

    private void Uploads(int day)
    {
        // Phones check the exports of earlier days before today's uploads, as the fast mode's one-day delay assumes.
        CollectDeviceNotifications(day);
        var kept = 0;
        for (var k = 0; k < _uploadsDue.Count; k++)
        {
            var (person, due) = _uploadsDue[k];
            if (due > day)
            {
                _uploadsDue[kept++] = (person, due);
                continue;
            }
            _daily.Uploads[day]++;
            _uploads.Add((person, day));
            _graphNodes[person] = true;
            if (_devices is null)
            {
                Trace(person, day);
            }
            else
            {
                UploadThroughDevice(person, day);
            }
        }
        _uploadsDue.RemoveRange(kept, _uploadsDue.Count - kept);
    }

    // Everything the uploader's keys (or, for ROBERT/BlueTrace, their received identifiers; for location tracing,
    // their places) reveal about the last MemoryDays days, scored per contact-day with the notification rule.
    private void Trace(int index, int day)
    {
        var delay = NotificationDelayDays;
        var first = Math.Max(0, day - _p.App.MemoryDays);
        for (var d = first; d < day; d++)
        {
            if (!_s.HasApp(index, d))
            {
                continue;
            }
            _exposures.Clear();
            if (_p.App.Design == Design.Location)
            {
                CollectColocations(index, d);
            }
            else
            {
                CollectRadio(index, d);
            }
            foreach (var (other, exposure) in _exposures)
            {
                var notify = _p.App.Design == Design.Location
                    ? exposure.WeightedMinutes >= _p.App.ColocationMinutes
                    : exposure.Windows is { } windows && _scoring.ShouldNotify(windows);
                if (notify)
                {
                    _notifyDue.Add(new Pending(other, index, (short)d, (short)(day + delay), exposure.Close, exposure.Human));
                }
            }
        }
    }

    private bool LeftBehind(int person, int day) =>
        _pop.DayGroup[person] >= 0 && day % 7 < _p.Contacts.WorkdaysPerWeek && _s.IsOut(person, day)
        && Hash.Chance(Hash.Of(_seed, (ulong)Purpose.LeftBehind, (ulong)person, (ulong)day), _p.App.PhoneLeftBehindPerDay);

    private void CollectRadio(int index, int day)
    {
        Span<byte> scans = stackalloc byte[Radio.RadioChannel.MaxScans];
        var indexLeft = LeftBehind(index, day);
        HumanContacts(index, day);
        foreach (var (other, setting, key) in _scratch)
        {
            // A phone left on a hook hears nothing of its owner's day away from it.
            if (!_s.HasApp(other, day) || (setting != Setting.Home && (indexLeft || LeftBehind(other, day))))
            {
                continue;
            }
            var shape = ContactShape.Of(key, setting, _p.Contacts);
            var n = Radio.RadioChannel.Scan(key, setting, shape, _s.HandsetOffsetDb[index], _s.HandsetOffsetDb[other], _p.Radio, scans);
            AddRadio(other, index, day, scans[..n], shape.IsClose(_p.Radio), human: true);
        }
        _scratch.Clear();
        var hook = new Collect(_scratch);
        _walker.WalkHook(index, day, _p.App.LeftBehindRounds, ref hook);
        foreach (var (other, setting, key) in _scratch)
        {
            var otherLeft = LeftBehind(other, day);
            var bothPresent = (indexLeft || _s.IsOut(index, day)) && (otherLeft || _s.IsOut(other, day));
            if (!_s.HasApp(other, day) || !(indexLeft || otherLeft) || !bothPresent)
            {
                continue;
            }
            var shape = ContactShape.Of(key, setting, _p.Contacts);
            var n = Radio.RadioChannel.Scan(key, setting, shape, _s.HandsetOffsetDb[index], _s.HandsetOffsetDb[other], _p.Radio, scans);
            AddRadio(other, index, day, scans[..n], false, human: false);
        }
    }

    // Location tracing cannot resolve metres: everyone in the same building (day group) that day, and everyone met
    // for 15 minutes or more elsewhere, is a "contact".
    private void CollectColocations(int index, int day)
    {
        HumanContacts(index, day);
        foreach (var (other, setting, key) in _scratch)
        {
            var shape = ContactShape.Of(key, setting, _p.Contacts);
            if (_s.HasApp(other, day) && shape.Minutes >= _p.App.ColocationMinutes)
            {
                Add(other, shape.Minutes, shape.IsClose(_p.Radio));
            }
        }
        var group = _pop.DayGroup[index];
        if (group >= 0 && day % 7 < _p.Contacts.WorkdaysPerWeek && _s.IsOut(index, day))
        {
            var table = _pop.DayGroups;
            for (var k = table.Start[group]; k < table.Start[group + 1]; k++)
            {
                var other = table.Members[k];
                if (other != index && _s.HasApp(other, day) && _s.IsOut(other, day))
                {
                    Add(other, _p.App.ColocationMinutes, false, human: false);
                }
            }
        }
    }

    private void HumanContacts(int person, int day)
    {
        _scratch.Clear();
        var collect = new Collect(_scratch);
        _walker.Walk(person, day, _activity[day], _p.Interventions.IsolationKeepsHouseholdContacts, ref collect);
    }

    private void Add(int other, double weightedMinutes, bool close, bool human = true)
    {
        if (weightedMinutes > 0)
        {
            _heardByUploaders++;
            _graphNodes[other] = true;
        }
        _exposures.TryGetValue(other, out var e);
        _exposures[other] = new Exposure(e.WeightedMinutes + weightedMinutes, e.Close || close, e.Human || human, e.Windows);
    }

    // The uploader's key of that day carries its days since onset (sample date for asymptomatic cases), which the
    // configuration maps to an infectiousness weight, as a phone does after matching.
    private void AddRadio(int other, int index, int day, ReadOnlySpan<byte> scans, bool close, bool human)
    {
        _exposures.TryGetValue(other, out var e);
        var windows = e.Windows ?? [];
        var before = windows.Count;
        var incubation = _s.Incubation[index];
        var onset = incubation != AgentState.NoSymptoms ? _s.InfectedDay[index] + incubation : _s.ConfirmedDay[index] - _p.Interventions.TestTurnaroundDays;
        _scoring.AddWindows(windows, day, Math.Clamp(day - onset, -14, 14), scans);
        if (windows.Count > before)
        {
            _heardByUploaders++;
            _graphNodes[other] = true;
        }
        _exposures[other] = new Exposure(e.WeightedMinutes, e.Close || close, e.Human || human, windows);
    }

    private void DeliverNotifications(int day)
    {
        var kept = 0;
        for (var k = 0; k < _notifyDue.Count; k++)
        {
            var n = _notifyDue[k];
            if (n.Day > day)
            {
                _notifyDue[kept++] = n;
                continue;
            }
            var person = n.Person;
            if (!_s.HasApp(person, day) || _s.State[person] == DiseaseState.Dead
                || (_s.NotifiedDay[person] != AgentState.Never && day - _s.NotifiedDay[person] < _p.App.MemoryDays))
            {
                continue;
            }
            _s.NotifiedDay[person] = (short)day;
            _daily.Notifications[day]++;
            if (!n.Close)
            {
                _daily.FalseAlerts[day]++;
            }
            if (!n.Human)
            {
                _leftBehindAlerts++;
            }
            _notifications.Add(new Notification(person, n.Index, n.ExposureDay, (short)day, n.Close, Candidates(person, n.ExposureDay, day)));
            if (Quarantine(person, day, _p.App.NotifiedCompliance) && _p.App.NotifiedHouseholdQuarantine)
            {
                QuarantineHousehold(person, day);
            }
            if (Hash.Chance(Hash.Of(_seed, (ulong)Purpose.App, (ulong)person, (ulong)day), _p.App.NotifiedTestSeeking))
            {
                ScheduleTest(person, Math.Max(day, n.ExposureDay + _p.App.NotifiedTestAfterExposureDays));
            }
        }
        _notifyDue.RemoveRange(kept, _notifyDue.Count - kept);
    }

    private void ManualTracing(int day)
    {
        var recall = _p.Interventions.ManualTracingRecall;
        var kept = 0;
        for (var k = 0; k < _manualDue.Count; k++)
        {
            var (index, due) = _manualDue[k];
            if (due > day)
            {
                _manualDue[kept++] = (index, due);
                continue;
            }
            var from = Math.Max(0, _s.ConfirmedDay[index] - _p.Interventions.TestTurnaroundDays - _p.Interventions.ManualTracingLookbackDays);
            for (var d = from; d < day; d++)
            {
                HumanContacts(index, d);
                foreach (var (other, setting, key) in _scratch)
                {
                    if (setting != Setting.Home && Hash.Chance(Hash.Of(key, (ulong)Purpose.ManualTracing), recall[(int)setting - 1]))
                    {
                        Quarantine(other, day, _p.Interventions.QuarantineCompliance);
                    }
                }
            }
        }
        _manualDue.RemoveRange(kept, _manualDue.Count - kept);
    }

    private readonly record struct Pending(int Person, int Index, short ExposureDay, short Day, bool Close, bool Human);

    private readonly record struct Exposure(double WeightedMinutes, bool Close, bool Human, List<Protocol.Risk.ExposureWindow>? Windows);

    private readonly struct Collect : IContactVisitor
    {
        private readonly List<(int, Setting, ulong)> _into;

        public Collect(List<(int, Setting, ulong)> into) => _into = into;

        public void Visit(int other, Setting setting, ulong pairKey) => _into.Add((other, setting, pairKey));
    }
}
