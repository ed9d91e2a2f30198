namespace Gardefou.Keys.Storage;

/// <summary>
/// SQLite has one writer at a time, and a writer that finds the database locked sleeps in growing steps (tens of
/// milliseconds). Queueing the domain's writes on an async gate instead keeps the tail latency of concurrent
/// uploads low. On PostgreSQL, which has row locks, the gate lets everything through.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim? _gate;

    public WriteGate(KeysStorage storage) => _gate = storage.UsesPostgres ? null : new SemaphoreSlim(1, 1);

    /// <summary>Waits for the turn to write; dispose the result to release it.</summary>
    public async ValueTask<Releaser> EnterAsync(CancellationToken ct)
    {
        if (_gate is not null)
        {
            await _gate.WaitAsync(ct);
        }
        return new Releaser(_gate);
    }

    /// <summary>Releases the gate when disposed.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly SemaphoreSlim? _gate;

        internal Releaser(SemaphoreSlim? gate) => _gate = gate;

        public void Dispose() => _gate?.Release();
    }
}
