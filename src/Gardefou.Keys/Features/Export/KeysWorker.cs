using Gardefou.Keys.Features.Retention;
using Gardefou.Keys.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// The key service's clock-driven work: on every tick apply retention (or the sunset), export the windows
/// that have closed, then rewrite the storage order of closed hours (<see cref="HourMixer"/>, PostgreSQL). Failures are logged and retried on the next tick; nothing is lost because keys stay
/// unexported until a batch that carries them commits.
/// </summary>
internal sealed class KeysWorker : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly KeysOptions _options;
    private readonly ILogger<KeysWorker> _logger;

    public KeysWorker(IServiceScopeFactory scopes, TimeProvider clock, KeysOptions options, ILogger<KeysWorker> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _options = options;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.WorkerInterval, _clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One pass of retention, export and mixing.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var now = _clock.GetUtcNow();
            await scope.ServiceProvider.GetRequiredService<RetentionService>().ApplyAsync(now, ct);
            if (!RetentionService.IsSunset(_options, now))
            {
                await scope.ServiceProvider.GetRequiredService<ExportPublisher>().ExportDueAsync(now, ct);
                // Last, so a failure here never holds back exports.
                await scope.ServiceProvider.GetRequiredService<HourMixer>().MixClosedHoursAsync(now, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.ExportFailed(_logger, exception);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
