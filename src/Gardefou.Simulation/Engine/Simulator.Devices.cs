using Gardefou.Simulation.EndToEnd;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Engine;

// The end-to-end mode's hooks: the same epidemic, but sightings, uploads and notification decisions go through a
// layer of real phones (see EndToEnd/) instead of the fast mode's in-process scoring.
public sealed partial class Simulator
{
    private readonly IDeviceLayer? _devices;
    private readonly List<int> _uploadedSinceCheck = [];
    private readonly List<HeardContact> _heard = [];

    /// <summary>Prepares a run whose app users carry the phones of <paramref name="devices"/>.</summary>
    internal Simulator(SimulationParameters parameters, SyntheticPopulation population, IDeviceLayer devices)
        : this(parameters, population)
    {
        _devices = devices;
    }

    private void StartDevices()
    {
        if (_devices is null)
        {
            return;
        }
        var users = new List<int>();
        for (var i = 0; i < _pop.Count; i++)
        {
            if (_s.HasApp(i, 0))
            {
                users.Add(i);
            }
        }
        _devices.Start(users, _p.Days);
    }

    // The phone reports at the start of the day with the dates a health worker knows: the sampling day and, once
    // symptoms have started, their onset (a later onset is unknown at upload, so the test date stands in for it).
    private void UploadThroughDevice(int person, int day)
    {
        var testDay = Math.Max(0, _s.ConfirmedDay[person] - _p.Interventions.TestTurnaroundDays);
        var incubation = _s.Incubation[person];
        int? onset = incubation != AgentState.NoSymptoms && _s.InfectedDay[person] + incubation <= day ? _s.InfectedDay[person] + incubation : null;
        _devices!.Upload(person, day, testDay, onset);
        _uploadedSinceCheck.Add(person);
    }

    private void CollectDeviceNotifications(int day)
    {
        if (_devices is null || _uploadedSinceCheck.Count == 0)
        {
            // No key was published since the last check: a check could find no new file.
            return;
        }
        var notified = _devices.Check(day, person => _s.HasApp(person, day) && _s.State[person] != DiseaseState.Dead);
        foreach (var (person, exposureDay) in notified)
        {
            var (index, close, human) = GroundTruth(person, exposureDay);
            _notifyDue.Add(new Pending(person, index, (short)exposureDay, (short)day, close, human));
        }
        _uploadedSinceCheck.Clear();
    }

    // The phone says only "exposed on that day". For the false-alert figures the engine looks up which of the
    // uploaders just published the person met on that day, and how: never used to decide anything.
    private (int Index, bool Close, bool Human) GroundTruth(int person, int exposureDay)
    {
        var uploaders = new HashSet<int>(_uploadedSinceCheck);
        var index = -1;
        var close = false;
        var human = false;
        foreach (var (other, setting, key) in ContactsOn(person, exposureDay))
        {
            if (!uploaders.Contains(other))
            {
                continue;
            }
            human = true;
            var isClose = ContactShape.Of(key, setting, _p.Contacts).IsClose(_p.Radio);
            if (index < 0 || (isClose && !close))
            {
                index = other;
            }
            close |= isClose;
        }
        return (index >= 0 ? index : _uploadedSinceCheck[0], close, human);
    }

    // Both directions of every app-to-app contact of the day, with the scans and the filters of the fast mode's
    // tracing (CollectRadio), seen from the listening phone.
    private void RecordDeviceDay(int day)
    {
        if (_devices is null)
        {
            return;
        }
        _heard.Clear();
        Span<byte> scans = stackalloc byte[Radio.RadioChannel.MaxScans];
        for (var receiver = 0; receiver < _pop.Count; receiver++)
        {
            if (!_s.HasApp(receiver, day))
            {
                continue;
            }
            var receiverLeft = LeftBehind(receiver, day);
            HumanContacts(receiver, day);
            foreach (var (sender, setting, key) in _scratch)
            {
                if (!_s.HasApp(sender, day) || (setting != Setting.Home && (receiverLeft || LeftBehind(sender, day))))
                {
                    continue;
                }
                Hear(receiver, sender, setting, key, scans);
            }
            _scratch.Clear();
            var hook = new Collect(_scratch);
            _walker.WalkHook(receiver, day, _p.App.LeftBehindRounds, ref hook);
            foreach (var (sender, setting, key) in _scratch)
            {
                var senderLeft = LeftBehind(sender, day);
                var bothPresent = (receiverLeft || _s.IsOut(receiver, day)) && (senderLeft || _s.IsOut(sender, day));
                if (_s.HasApp(sender, day) && (receiverLeft || senderLeft) && bothPresent)
                {
                    Hear(receiver, sender, setting, key, scans);
                }
            }
        }
        _devices.RecordDay(day, _heard);
    }

    private void Hear(int receiver, int sender, Setting setting, ulong key, Span<byte> scans)
    {
        var shape = ContactShape.Of(key, setting, _p.Contacts);
        // The fast mode scores the uploader as phone A of the channel: here the sender is A too, so the levels match.
        var n = Radio.RadioChannel.Scan(key, setting, shape, _s.HandsetOffsetDb[sender], _s.HandsetOffsetDb[receiver], _p.Radio, scans);
        _heard.Add(new HeardContact(receiver, sender, key, scans[..n].ToArray()));
    }
}
