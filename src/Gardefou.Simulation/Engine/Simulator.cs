using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Radio;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// The agent-based model: one step per day (progression, other symptoms, tests, uploads and notifications,
/// manual tracing, transmission). All randomness is counter-based (<see cref="Hash"/>), so a run is a pure
/// function of its parameters and seed; transmission runs in parallel over chunks of the infected list and is
/// merged in list order, so the thread count does not change the result.
/// </summary>
public sealed partial class Simulator
{
    private readonly SimulationParameters _p;
    private readonly SyntheticPopulation _pop;
    private readonly AgentState _s;
    private readonly ContactWalker _walker;
    private readonly ulong _seed;
    private readonly double[] _generation;
    private readonly double[] _activity;
    private readonly ExposureScoring _scoring;
    private readonly List<int> _active = [];
    private readonly List<Notification> _notifications = [];
    private readonly ConfinementLog _confinement = new();
    private readonly List<(int Person, int Day)> _uploads = [];
    private readonly DailySeries _daily;
    private int _lockdownUntil = -1;
    private bool _hadLockdown;

    /// <summary>Prepares a run on <paramref name="population"/> (which can be shared by runs: it is not modified).</summary>
    public Simulator(SimulationParameters parameters, SyntheticPopulation population)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ArgumentNullException.ThrowIfNull(population);
        if (parameters.Disease.InitialInfected > population.Count)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{parameters.Disease.InitialInfected:N0} initial infections cannot be placed in {population.Count:N0} people: lower --initial-infected or raise --population"));
        }
        _p = parameters;
        _pop = population;
        _seed = parameters.Seed;
        _s = new AgentState(population.Count);
        _walker = new ContactWalker(population, _s, parameters);
        _generation = GenerationWeights(parameters.Disease);
        _activity = new double[parameters.Days];
        Array.Fill(_activity, 1.0);
        _scoring = new ExposureScoring(parameters.App.Risk, parameters.Radio.SecondsBetweenScans);
        _daily = new DailySeries(parameters.Days);
        Beta = Calibrate();
    }

    /// <summary>Transmission rate per unit exposure, calibrated so that the epidemic's R0 is <see cref="DiseaseParameters.R0"/>.</summary>
    public double Beta { get; }

    /// <summary>The per-person state (read it after <see cref="Run"/>).</summary>
    public AgentState State => _s;

    /// <summary>Bytes of per-person state held by this run.</summary>
    public long StateBytes => (long)_pop.Count * AgentState.BytesPerPerson;

    /// <summary>Runs every day and returns the result; <paramref name="progress"/> receives the number of days done.</summary>
    public RunResult Run(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        _graphNodes = new System.Collections.BitArray(_pop.Count);
        InitialiseApp();
        StartDevices();
        Seed();
        for (var day = 0; day < _p.Days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(day);
            progress?.Report(day + 1);
        }
        return Finish();
    }

    private void Step(int day)
    {
        UpdateLockdown(day);
        Progress(day);
        OtherSymptoms(day);
        Testing(day);
        Uploads(day);
        DeliverNotifications(day);
        ManualTracing(day);
        Transmit(day);
        RecordDeviceDay(day);
    }

    /// <summary>
    /// Discretised Weibull generation-time density by whole days since infection (sums to 1). An infection made on
    /// day d is first able to transmit on day d + 1 and transmits once per day, so the weight of age k is the mass of
    /// [k − ½, k + ½): the discrete mean then equals the Weibull mean (taking [k, k + 1) instead shortens it by half a
    /// day and makes the epidemic double faster than its settings say). Age 0 keeps the mass of [0, ½) for the seeds.
    /// </summary>
    internal static double[] GenerationWeights(DiseaseParameters d)
    {
        var weights = new double[21];
        double Cdf(double t) => t <= 0 ? 0 : 1 - Math.Exp(-Math.Pow(t / d.GenerationScale, d.GenerationShape));
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = Cdf(k + 0.5) - Cdf(k - 0.5);
        }
        // Days carrying under 0.1% of the generation-time mass are dropped: they change R by less than 0.5% and
        // would otherwise cost as much contact generation as the infectious days themselves. The remaining weights
        // are renormalised so that R0 is unchanged.
        var kept = weights.Select(w => w < 1e-3 ? 0 : w).ToArray();
        var total = kept.Sum();
        return kept.Select(w => w / total).ToArray();
    }

    private void InitialiseApp()
    {
        var app = _p.App;
        _s.AppLaunchDay = (short)Math.Clamp(app.LaunchDay, 0, short.MaxValue);
        if (app.Adoption <= 0)
        {
            return;
        }
        var weightSum = 0.0;
        for (var i = 0; i < _pop.Count; i++)
        {
            weightSum += app.AgeAdoption[_pop.AgeBand[i]];
        }
        var scale = weightSum > 0 ? app.Adoption * _pop.Count / weightSum : 0;
        var logKeep = Math.Log(1 - Math.Clamp(app.DropOutPerDay, 0, 0.999999));
        for (var i = 0; i < _pop.Count; i++)
        {
            var probability = Math.Min(1, scale * app.AgeAdoption[_pop.AgeBand[i]]);
            var household = (ulong)_pop.HouseholdStart[i];
            // Shared household draw with probability HouseholdClustering keeps each person's marginal adoption unchanged
            // while making members adopt together; draws are nested across adoption levels (users at 12% ⊂ users at 30%).
            var shared = Hash.Chance(Hash.Of(_seed, (ulong)Purpose.Adoption, household, 2), app.HouseholdClustering);
            var u = Hash.Unit(shared ? Hash.Of(_seed, (ulong)Purpose.Adoption, household, 1) : Hash.Of(_seed, (ulong)Purpose.Adoption, (ulong)i, 0));
            if (u >= probability)
            {
                continue;
            }
            var rng = new RandomStream(Hash.Of(_seed, (ulong)Purpose.Handset, (ulong)i));
            var keep = logKeep < 0 ? Math.Log(1 - rng.NextDouble()) / logKeep : double.MaxValue;
            _s.AppUntil[i] = (short)Math.Min(short.MaxValue, app.LaunchDay + keep);
            _s.HandsetOffsetDb[i] = (sbyte)Math.Clamp(Math.Round(_p.Radio.HandsetOffsetSdDb * rng.NextNormal()), -30, 30);
        }
    }

    private void Seed()
    {
        var rng = new RandomStream(Hash.Of(_seed, (ulong)Purpose.Seeding));
        var wanted = _p.Disease.InitialInfected;
        var attempts = 0;
        while (_active.Count < wanted && attempts++ < wanted * 100)
        {
            var person = rng.NextInt(_pop.Count);
            if (_s.State[person] == DiseaseState.Susceptible)
            {
                Infect(person, 0, -1);
            }
        }
    }

    private void UpdateLockdown(int day)
    {
        var trigger = _p.Interventions.LockdownTriggerPer100k;
        if (trigger > 0 && !_hadLockdown && day >= 7)
        {
            var week = 0;
            for (var d = day - 7; d < day; d++)
            {
                week += _daily.Positives[d];
            }
            if (week / 7.0 * 100_000 / _pop.Count >= trigger)
            {
                _hadLockdown = true;
                _lockdownUntil = day + _p.Interventions.LockdownDays;
            }
        }
        if (_p.Interventions.LockdownStartDay is { } start && day >= start && day < (_p.Interventions.LockdownEndDay ?? int.MaxValue))
        {
            _activity[day] = _p.Interventions.LockdownContactFactor;
            _daily.Lockdown[day] = true;
        }
        if (day < _lockdownUntil)
        {
            _activity[day] = _p.Interventions.LockdownContactFactor;
            _daily.Lockdown[day] = true;
        }
    }
}
