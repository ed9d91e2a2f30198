using System.Threading.Channels;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Registry.Features.Availability;

/// <summary>
/// Group commit of site reports: callers queue their validated reports and wait; one writer takes everything queued
/// (up to <see cref="MaxGroup"/> requests), writes it in one transaction (demote the previous current rows, insert the
/// new ones, history kept), commits, then puts it in the index. A caller's task completes only once its reports are
/// durable and visible in search. Under load many reports share one commit; alone, a report waits for nobody.
/// A report for a resource the site did not list yet goes through <see cref="AvailabilityWriter"/>, which also
/// edits the site.
/// </summary>
internal sealed partial class AvailabilityCommitter : IAsyncDisposable, IDisposable
{
    /// <summary>Requests per transaction at most: bounds the statement sizes and the wait of the last one in.</summary>
    public const int MaxGroup = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly RegistryState _state;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private long _commits;

    public AvailabilityCommitter(IServiceScopeFactory scopes, RegistryState state)
    {
        _scopes = scopes;
        _state = state;
        _writer = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far (the benchmark divides reports by it).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes the reports of one site; completes once they are committed and in the index.</summary>
    public Task<IReadOnlyList<CapacitySnapshot>> ApplyAsync(string siteId, IReadOnlyList<ValidatedUpdate> updates, ObservationMethod method,
        string source, DateTimeOffset now, CancellationToken ct)
    {
        var pending = new Pending(siteId, updates, method, source, now);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AvailabilityCommitter));
        }
        // A caller that gives up stops waiting; its reports are still written, as they would be mid-transaction.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(MaxGroup);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (group.Count < MaxGroup && reader.TryRead(out var next))
                {
                    group.Add(next);
                }
                await CommitGroupAsync(group);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        while (reader.TryRead(out var left))
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(AvailabilityCommitter)));
        }
    }

    private async Task CommitGroupAsync(List<Pending> group)
    {
        var ct = _stopping.Token;
        var fast = new List<Pending>(group.Count);
        foreach (var pending in group)
        {
            if (_state.Index.TryGet(pending.SiteId, out var site) && pending.Updates.All(u => site.Info.Offers.Contains(u.Type)))
            {
                fast.Add(pending);
            }
            else
            {
                await OneByOneAsync(pending, ct);
            }
        }
        if (fast.Count == 0)
        {
            return;
        }
        try
        {
            await WriteAsync(fast, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && fast.Count > 1)
        {
            // One bad request must not sink the others: retry each alone, each failing on its own.
            foreach (var pending in fast)
            {
                try
                {
                    await WriteAsync([pending], ct);
                }
                catch (Exception single) when (single is not OperationCanceledException)
                {
                    pending.Done.TrySetException(single);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            fast[0].Done.TrySetException(e);
        }
    }

    /// <summary>The general path (a new resource edits the site row too), still one request at a time.</summary>
    private async Task OneByOneAsync(Pending pending, CancellationToken ct)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            pending.Done.TrySetResult(await AvailabilityWriter.ApplyAsync(db, _state, pending.SiteId, pending.Updates, pending.Method, pending.Source, pending.Now, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            pending.Done.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
            await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stopping.Dispose();
    }

    /// <summary>For hosts that dispose their services synchronously: lets the queued reports finish, as above.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Pending(string SiteId, IReadOnlyList<ValidatedUpdate> Updates, ObservationMethod Method, string Source, DateTimeOffset Now)
    {
        public TaskCompletionSource<IReadOnlyList<CapacitySnapshot>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
