using Gardefou.Simulation.EndToEnd;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// The end-to-end mode's link to a layer of real phones (see EndToEnd/): the same epidemic, but sightings, uploads
/// and notification decisions go through the phones instead of the fast mode's in-process scoring.
/// </summary>
internal sealed class DeviceBridge
{
    private readonly RunContext _run;
    private readonly IDeviceLayer _devices;
    private readonly List<int> _uploadedSinceCheck = [];
    private readonly List<HeardContact> _heard = [];
    private readonly List<(int Other, Setting Setting, ulong Key)> _contacts = [];

    public DeviceBridge(RunContext run, IDeviceLayer devices)
    {
        _run = run;
        _devices = devices;
    }

    /// <summary>Hands a phone to every app user of day 0.</summary>
    public void Start()
    {
        var users = new List<int>();
        for (var i = 0; i < _run.Population.Count; i++)
        {
            if (_run.State.HasApp(i, 0))
            {
                users.Add(i);
            }
        }
        _devices.Start(users, _run.Parameters.Days);
    }

    // The phone reports at the start of the day with the dates a health worker knows: the sampling day and, once
    // symptoms have started, their onset (a later onset is unknown at upload, so the test date stands in for it).
    public void Upload(int person, int day)
    {
        var s = _run.State;
        var testDay = Math.Max(0, s.ConfirmedDay[person] - _run.Parameters.Interventions.TestTurnaroundDays);
        var incubation = s.Incubation[person];
        int? onset = incubation != AgentState.NoSymptoms && s.InfectedDay[person] + incubation <= day ? s.InfectedDay[person] + incubation : null;
        _devices.Upload(person, day, testDay, onset);
        _uploadedSinceCheck.Add(person);
    }

    /// <summary>Lets the phones check the exports published since the last check and adds what they show to <paramref name="into"/>.</summary>
    public void CollectNotifications(int day, List<PendingNotification> into)
    {
        if (_uploadedSinceCheck.Count == 0)
        {
            // No key was published since the last check: a check could find no new file.
            return;
        }
        var s = _run.State;
        var notified = _devices.Check(day, person => s.HasApp(person, day) && s.State[person] != DiseaseState.Dead);
        foreach (var (person, exposureDay) in notified)
        {
            var (index, close, human) = GroundTruth(person, exposureDay);
            into.Add(new PendingNotification(person, index, (short)exposureDay, (short)day, close, human));
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
        _run.ContactsOn(person, exposureDay, _contacts);
        foreach (var (other, setting, key) in _contacts)
        {
            if (!uploaders.Contains(other))
            {
                continue;
            }
            human = true;
            var isClose = ContactShape.Of(key, setting, _run.Parameters.Contacts).IsClose(_run.Parameters.Radio);
            if (index < 0 || (isClose && !close))
            {
                index = other;
            }
            close |= isClose;
        }
        return (index >= 0 ? index : _uploadedSinceCheck[0], close, human);
    }

    // Both directions of every app-to-app contact of the day, with the scans and the filters of the fast mode's
    // tracing (AppContactTracer.CollectRadio), seen from the listening phone.
    public void RecordDay(int day)
    {
        var s = _run.State;
        _heard.Clear();
        Span<byte> scans = stackalloc byte[Radio.RadioChannel.MaxScans];
        for (var receiver = 0; receiver < _run.Population.Count; receiver++)
        {
            if (!s.HasApp(receiver, day))
            {
                continue;
            }
            var receiverLeft = _run.PhoneLeftBehind(receiver, day);
            _run.ContactsOn(receiver, day, _contacts);
            foreach (var (sender, setting, key) in _contacts)
            {
                if (!s.HasApp(sender, day) || (setting != Setting.Home && (receiverLeft || _run.PhoneLeftBehind(sender, day))))
                {
                    continue;
                }
                Hear(receiver, sender, setting, key, scans);
            }
            _run.HookContactsOn(receiver, day, _contacts);
            foreach (var (sender, setting, key) in _contacts)
            {
                var senderLeft = _run.PhoneLeftBehind(sender, day);
                var bothPresent = (receiverLeft || s.IsOut(receiver, day)) && (senderLeft || s.IsOut(sender, day));
                if (s.HasApp(sender, day) && (receiverLeft || senderLeft) && bothPresent)
                {
                    Hear(receiver, sender, setting, key, scans);
                }
            }
        }
        _devices.RecordDay(day, _heard);
    }

    private void Hear(int receiver, int sender, Setting setting, ulong key, Span<byte> scans)
    {
        var shape = ContactShape.Of(key, setting, _run.Parameters.Contacts);
        // The fast mode scores the uploader as phone A of the channel: here the sender is A too, so the levels match.
        var n = Radio.RadioChannel.Scan(key, setting, shape, _run.State.HandsetOffsetDb[sender], _run.State.HandsetOffsetDb[receiver], _run.Parameters.Radio, scans);
        _heard.Add(new HeardContact(receiver, sender, key, scans[..n].ToArray()));
    }
}
