using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry.Demo;

/// <summary>
/// Simulated site staff for demo mode: each demo site reports all it offers on its <see cref="DemoSchedule"/> rhythm,
/// through the same group committer as real reports (so the numbers reach search and the signed tiles the same way),
/// with values that drift as stock sells and is restocked. Runs only when <see cref="Enable"/> was called, which
/// <see cref="RegistryDomain.InitializeRegistryDomainAsync"/> does when demo sites were asked for. Every number it
/// writes has method <c>demo</c> and source <c>demo</c>.
/// </summary>
internal sealed partial class DemoReporter : BackgroundService
{
    /// <summary>How often due sites are looked for; the page shows ages in minutes, so this is fine-grained enough.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    private readonly RegistryState _state;
    private readonly AvailabilityCommitter _committer;
    private readonly TimeProvider _time;
    private readonly ILogger<DemoReporter> _logger;
    private readonly Random _random;
    private readonly TaskCompletionSource _enabled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _reports;

    public DemoReporter(RegistryState state, AvailabilityCommitter committer, TimeProvider time, IOptions<RegistryOptions> options, ILogger<DemoReporter> logger)
    {
        _state = state;
        _committer = committer;
        _time = time;
        _logger = logger;
        _random = new Random(options.Value.DemoSeed);
    }

    /// <summary>Site reports written so far (tests and the log read it).</summary>
    public long Reports => Interlocked.Read(ref _reports);

    /// <summary>Looks for due sites completed so far, each with its writes committed (tests wait on it).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    private long _rounds;

    public void Enable() => _enabled.TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _enabled.Task.WaitAsync(stoppingToken);
            var due = BuildSchedule();
            Log.Started(_logger, due.Count);
            await ReportDueAsync(due, stoppingToken);
            using var timer = new PeriodicTimer(Tick, _time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportDueAsync(due, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Each reporting demo site is next due one interval after its oldest current number.</summary>
    private PriorityQueue<string, DateTimeOffset> BuildSchedule()
    {
        var due = new PriorityQueue<string, DateTimeOffset>();
        foreach (var site in _state.Index.Snapshot())
        {
            if (!site.Id.StartsWith("demo-", StringComparison.Ordinal)
                || DemoSchedule.IntervalOf(site.Id, site.Info.Offers, _state.Freshness) is not { } interval)
            {
                continue;
            }
            var oldest = site.Capacity.Where(c => c is not null).Select(c => c!.CheckedAt).DefaultIfEmpty(_time.GetUtcNow()).Min();
            due.Enqueue(site.Id, oldest + interval);
        }
        return due;
    }

    private async Task ReportDueAsync(PriorityQueue<string, DateTimeOffset> due, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var writes = new List<Task>();
        while (due.TryPeek(out var siteId, out var at) && at <= now)
        {
            due.Dequeue();
            if (!_state.Index.TryGet(siteId, out var site) || DemoSchedule.IntervalOf(siteId, site.Info.Offers, _state.Freshness) is not { } interval)
            {
                continue;
            }
            var updates = site.Info.Offers.Select(type => NextValue(type, Volatile.Read(ref site.Capacity[type.Code]), now)).ToList();
            writes.Add(_committer.ApplyAsync(siteId, updates, ObservationMethod.Demo, "demo", now, ct));
            // ±10 % jitter, so sites that started together drift apart as real ones do.
            due.Enqueue(siteId, now + (interval * (0.9 + (0.2 * _random.NextDouble()))));
        }
        try
        {
            await Task.WhenAll(writes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ReportFailed(_logger, e);
        }
        Interlocked.Add(ref _reports, writes.Count(w => w.IsCompletedSuccessfully));
        Interlocked.Increment(ref _rounds);
    }

    /// <summary>Stock sells between reports and is sometimes restocked; beds move by a few.</summary>
    private ValidatedUpdate NextValue(ResourceType type, CapacitySnapshot? previous, DateTimeOffset now)
    {
        var before = previous?.Available ?? _random.Next(0, 60);
        int available;
        if (type.Category == ResourceCategory.Bed)
        {
            available = Math.Max(0, before + _random.Next(-3, 4));
        }
        else if (_random.NextDouble() < 0.12)
        {
            available = _random.Next(20, 200); // a delivery
        }
        else
        {
            available = before == 0 && _random.NextDouble() < 0.7 ? 0 : Math.Max(0, before - _random.Next(0, 16));
        }
        var total = type.Category == ResourceCategory.Bed ? Math.Max(available, previous?.Total ?? available + 10) : (int?)null;
        return new ValidatedUpdate(type, available, Band: null, Total: total, Basis: previous?.Basis ?? (type.Category == ResourceCategory.Bed ? "staffed" : null),
            Closed: false, CheckedAt: now, ValidUntil: now + TimeSpan.FromDays(1));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: {Sites} demo sites report on a simulated schedule")]
        public static partial void Started(ILogger logger, int sites);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: a simulated report could not be written")]
        public static partial void ReportFailed(ILogger logger, Exception exception);
    }
}
