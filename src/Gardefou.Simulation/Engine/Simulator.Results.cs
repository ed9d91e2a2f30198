using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Privacy;

namespace Gardefou.Simulation.Engine;

public sealed partial class Simulator
{
    private readonly HashSet<int> _distinct = [];

    /// <summary>Uploads made during the run (uploader, day).</summary>
    internal IReadOnlyList<(int Person, int Day)> UploadLog => _uploads;

    /// <summary>Notifications delivered during the run.</summary>
    internal IReadOnlyList<Notification> NotificationLog => _notifications;

    /// <summary>Contact-days that uploaders' phones heard (what a ROBERT or BlueTrace server receives).</summary>
    internal long HeardByUploaders => _heardByUploaders;

    /// <summary>People who appear in what uploads reveal (uploaders and the people their phones heard).</summary>
    internal int GraphNodes
    {
        get
        {
            var count = 0;
            for (var i = 0; i < _graphNodes.Length; i++)
            {
                count += _graphNodes[i] ? 1 : 0;
            }
            return count;
        }
    }

    internal Parameters.SimulationParameters Parameters => _p;

    internal int Tests() => _daily.Tests.Sum();

    internal int Positives() => _daily.Positives.Sum();

    internal Population.SyntheticPopulation Population => _pop;

    /// <summary>Human contacts of a person on a past day, as the model generated them.</summary>
    internal List<(int Other, Population.Setting Setting, ulong Key)> ContactsOn(int person, int day)
    {
        HumanContacts(person, day);
        return _scratch;
    }

    /// <summary>Weighted seconds (bucket weights of the run's risk configuration) a phone pair heard during one contact.</summary>
    internal double Heard(int a, int b, Population.Setting setting, ulong key)
    {
        Span<byte> scans = stackalloc byte[Radio.RadioChannel.MaxScans];
        var shape = ContactShape.Of(key, setting, _p.Contacts);
        var n = Radio.RadioChannel.Scan(key, setting, shape, _s.HandsetOffsetDb[a], _s.HandsetOffsetDb[b], _p.Radio, scans);
        return _scoring.WeightedSeconds(scans[..n]);
    }

    /// <summary>The daily threshold of the run's risk configuration, in weighted seconds at standard infectiousness.</summary>
    internal double NotificationThreshold => _p.App.Risk.DailyScoreThreshold;

    // What the notified person can intersect with her memory: the people met on the day the design reveals
    // (GAEN, DP-3T, BlueTrace's call and location tracing give the day; ROBERT only says "at risk" in the last 14 days).
    private int Candidates(int person, int exposureDay, int day)
    {
        _distinct.Clear();
        var from = _p.App.Design == Design.Robert ? Math.Max(0, day - _p.App.MemoryDays) : exposureDay;
        var to = _p.App.Design == Design.Robert ? day : exposureDay + 1;
        for (var d = from; d < to; d++)
        {
            HumanContacts(person, d);
            foreach (var (other, _, _) in _scratch)
            {
                _distinct.Add(other);
            }
        }
        return _distinct.Count;
    }

    private RunResult Finish()
    {
        var notified = _notifications.Count;
        var attack = 0;
        var byIndex = 0;
        var positive = 0;
        foreach (var n in _notifications)
        {
            var confirmed = _s.ConfirmedDay[n.Person];
            if (confirmed != AgentState.Never && confirmed >= n.Day && confirmed <= n.Day + 14)
            {
                positive++;
            }
            var infected = _s.InfectedDay[n.Person];
            if (infected != AgentState.Never && infected >= n.ExposureDay - 2 && infected <= n.ExposureDay + 14)
            {
                attack++;
            }
            if (_s.Infector[n.Person] == n.Index)
            {
                byIndex++;
            }
        }
        var uninfectedDays = _confinement.UninfectedDays(_s, _p.Days);
        var trueAlerts = _notifications.Count(n => n.CloseContact);
        return new RunResult
        {
            People = _pop.Count,
            Adoption = _p.App.Adoption,
            Design = _p.App.Design,
            Seed = _seed,
            Beta = Beta,
            Infections = _daily.Infections.Sum(),
            Hospitalisations = _daily.Hospitalisations.Sum(),
            Deaths = _daily.Deaths.Sum(),
            Tests = _daily.Tests.Sum(),
            Positives = _daily.Positives.Sum(),
            Uploads = _uploads.Count,
            Notifications = notified,
            TrueAlerts = trueAlerts,
            FalseAlerts = notified - trueAlerts,
            LeftBehindAlerts = _leftBehindAlerts,
            NotifiedInfected = attack,
            SecondaryAttackRateNotified = notified == 0 ? 0 : (double)attack / notified,
            PositiveAmongNotified = notified == 0 ? 0 : (double)positive / notified,
            InfectedByIndexAmongNotified = notified == 0 ? 0 : (double)byIndex / notified,
            QuarantineDaysUninfected = uninfectedDays,
            Daily = _daily,
            Privacy = PrivacyAnalyzer.Analyse(this, _p),
        };
    }
}
