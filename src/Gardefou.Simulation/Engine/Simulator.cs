using Gardefou.Simulation.EndToEnd;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Privacy;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// The agent-based model: one step per day (lockdown, progression, other symptoms, tests, uploads and
/// notifications, manual tracing, transmission). All randomness is counter-based (<see cref="Randomness.Hash"/>), so a
/// run is a pure function of its parameters and seed. Each aspect that keeps state is a class that owns it (see
/// <see cref="RunContext"/> for what they share); the simulator only wires them and calls them in order.
/// </summary>
public sealed class Simulator
{
    private readonly RunContext _run;
    private readonly IsolationAndQuarantine _confinement;
    private readonly ManualTracer _manualTracer;
    private readonly DeviceBridge? _devices;
    private readonly AppContactTracer _appTracer;
    private readonly CaseFinding _caseFinding;
    private readonly DiseaseProgression _disease;
    private readonly Transmission _transmission;
    private readonly List<(int Other, Setting Setting, ulong Key)> _contactsAfterRun = [];

    /// <summary>Prepares a run on <paramref name="population"/> (which can be shared by runs: it is not modified).</summary>
    public Simulator(SimulationParameters parameters, SyntheticPopulation population)
        : this(parameters, population, null)
    {
    }

    /// <summary>Prepares a run whose app users carry the phones of <paramref name="devices"/>.</summary>
    internal Simulator(SimulationParameters parameters, SyntheticPopulation population, IDeviceLayer? devices)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ArgumentNullException.ThrowIfNull(population);
        if (parameters.Disease.InitialInfected > population.Count)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{parameters.Disease.InitialInfected:N0} initial infections cannot be placed in {population.Count:N0} people: lower --initial-infected or raise --population"));
        }
        _run = new RunContext(parameters, population);
        _confinement = new IsolationAndQuarantine(_run);
        _manualTracer = new ManualTracer(_run, _confinement);
        _devices = devices is null ? null : new DeviceBridge(_run, devices);
        _appTracer = new AppContactTracer(_run, _confinement, _devices);
        _caseFinding = new CaseFinding(_run, _confinement, _manualTracer, _appTracer);
        _disease = new DiseaseProgression(_run, _caseFinding);
        Beta = BetaCalibration.Calibrate(_run, _disease.Generation);
        _transmission = new Transmission(_run, _disease, Beta);
    }

    /// <summary>Transmission rate per unit exposure, calibrated so that the epidemic's R0 is <see cref="DiseaseParameters.R0"/>.</summary>
    public double Beta { get; }

    /// <summary>The per-person state (read it after <see cref="Run"/>).</summary>
    public AgentState State => _run.State;

    /// <summary>Bytes of per-person state held by this run.</summary>
    public long StateBytes => (long)_run.Population.Count * AgentState.BytesPerPerson;

    /// <summary>Days from upload to the notification being shown, per design (daily download or polling; BlueTrace needs a phone call).</summary>
    public static int NotificationDelay(Design design) => design == Design.BlueTrace ? 2 : 1;

    /// <summary>Uploads made during the run (uploader, day).</summary>
    internal IReadOnlyList<(int Person, int Day)> UploadLog => _appTracer.Uploads;

    /// <summary>Notifications delivered during the run.</summary>
    internal IReadOnlyList<Notification> NotificationLog => _appTracer.Notifications;

    /// <summary>Contact-days that uploaders' phones heard (what a ROBERT or BlueTrace server receives).</summary>
    internal long HeardByUploaders => _appTracer.HeardByUploaders;

    /// <summary>People who appear in what uploads reveal (uploaders and the people their phones heard).</summary>
    internal int GraphNodes => _appTracer.RevealedPeople;

    internal SimulationParameters Parameters => _run.Parameters;

    internal SyntheticPopulation Population => _run.Population;

    /// <summary>The daily threshold of the run's risk configuration, in weighted seconds at standard infectiousness.</summary>
    internal double NotificationThreshold => _run.Parameters.App.Risk.DailyScoreThreshold;

    internal int Tests() => _run.Daily.Tests.Sum();

    internal int Positives() => _run.Daily.Positives.Sum();

    /// <summary>Human contacts of a person on a past day, as the model generated them (the list is reused by the next call).</summary>
    internal List<(int Other, Setting Setting, ulong Key)> ContactsOn(int person, int day)
    {
        _run.ContactsOn(person, day, _contactsAfterRun);
        return _contactsAfterRun;
    }

    /// <summary>Weighted seconds (bucket weights of the run's risk configuration) a phone pair heard during one contact.</summary>
    internal double Heard(int a, int b, Setting setting, ulong key)
    {
        Span<byte> scans = stackalloc byte[Radio.RadioChannel.MaxScans];
        var shape = ContactShape.Of(key, setting, _run.Parameters.Contacts);
        var n = Radio.RadioChannel.Scan(key, setting, shape, _run.State.HandsetOffsetDb[a], _run.State.HandsetOffsetDb[b], _run.Parameters.Radio, scans);
        return _appTracer.Scoring.WeightedSeconds(scans[..n]);
    }

    /// <summary>Runs every day and returns the result; <paramref name="progress"/> receives the number of days done.</summary>
    public RunResult Run(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        _appTracer.InstallApps();
        _devices?.Start();
        _disease.SeedInfections();
        for (var day = 0; day < _run.Parameters.Days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(day);
            progress?.Report(day + 1);
        }
        return Finish();
    }

    private void Step(int day)
    {
        _run.Lockdown.Update(day, _run.Daily, _run.Population.Count);
        _disease.Progress(day);
        _caseFinding.OtherSymptoms(day);
        _caseFinding.Test(day);
        _appTracer.PublishUploads(day);
        _appTracer.DeliverNotifications(day, _caseFinding);
        _manualTracer.Trace(day);
        _transmission.Transmit(day);
        _devices?.RecordDay(day);
    }

    private RunResult Finish()
    {
        var s = _run.State;
        var notifications = _appTracer.Notifications;
        var notified = notifications.Count;
        var attack = 0;
        var byIndex = 0;
        var positive = 0;
        var trueAlerts = 0;
        foreach (var n in notifications)
        {
            var confirmed = s.ConfirmedDay[n.Person];
            if (confirmed != AgentState.Never && confirmed >= n.Day && confirmed <= n.Day + 14)
            {
                positive++;
            }
            var infected = s.InfectedDay[n.Person];
            if (infected != AgentState.Never && infected >= n.ExposureDay - 2 && infected <= n.ExposureDay + 14)
            {
                attack++;
            }
            if (s.Infector[n.Person] == n.Index)
            {
                byIndex++;
            }
            if (n.CloseContact)
            {
                trueAlerts++;
            }
        }
        var daily = _run.Daily;
        return new RunResult
        {
            People = _run.Population.Count,
            Adoption = _run.Parameters.App.Adoption,
            Design = _run.Parameters.App.Design,
            Seed = _run.Seed,
            Beta = Beta,
            Infections = daily.Infections.Sum(),
            Hospitalisations = daily.Hospitalisations.Sum(),
            Deaths = daily.Deaths.Sum(),
            Tests = daily.Tests.Sum(),
            Positives = daily.Positives.Sum(),
            Uploads = _appTracer.Uploads.Count,
            Notifications = notified,
            TrueAlerts = trueAlerts,
            FalseAlerts = notified - trueAlerts,
            LeftBehindAlerts = _appTracer.LeftBehindAlerts,
            NotifiedInfected = attack,
            SecondaryAttackRateNotified = notified == 0 ? 0 : (double)attack / notified,
            PositiveAmongNotified = notified == 0 ? 0 : (double)positive / notified,
            InfectedByIndexAmongNotified = notified == 0 ? 0 : (double)byIndex / notified,
            QuarantineDaysUninfected = _confinement.UninfectedDays(),
            Daily = daily,
            Privacy = PrivacyAnalyzer.Analyse(this, _run.Parameters),
        };
    }
}
