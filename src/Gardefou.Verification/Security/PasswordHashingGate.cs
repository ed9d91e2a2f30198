namespace Gardefou.Verification.Security;

/// <summary>
/// A global cap on password hashing (PBKDF2, tens of milliseconds of CPU each): at most a few run at once and a
/// short queue waits, so a flood of sign-ins cannot take every core from the rest of the server. A sign-in that
/// finds the queue full or waits too long is refused (the portal answers 503) without hashing anything.
/// </summary>
internal sealed class PasswordHashingGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxWaiting;
    private readonly TimeSpan _maxWait;
    private int _waiting;

    public PasswordHashingGate(int concurrency, int maxWaiting, TimeSpan maxWait)
    {
        Concurrency = concurrency;
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _maxWaiting = maxWaiting;
        _maxWait = maxWait;
    }

    /// <summary>How many hashes may run at once.</summary>
    public int Concurrency { get; }

    /// <summary>The default concurrency: half the cores, at least one.</summary>
    public static int DefaultConcurrency => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Runs <paramref name="work"/> in a slot if one frees up in time; false when refused.</summary>
    public async Task<(bool Ran, T Result)> TryRunAsync<T>(Func<T> work, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _waiting) > _maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return (false, default!);
        }
        bool entered;
        try
        {
            entered = await _slots.WaitAsync(_maxWait, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        if (!entered)
        {
            return (false, default!);
        }
        try
        {
            return (true, work());
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> once a slot is free, however long that takes (signed-in users' own actions and the CLI).</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
