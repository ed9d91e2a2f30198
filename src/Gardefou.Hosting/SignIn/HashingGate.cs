namespace Gardefou.Hosting.SignIn;

/// <summary>
/// The cap on password hashing (PBKDF2, tens of milliseconds of CPU each): at most a few run at once and a short,
/// bounded queue waits, so a flood of sign-ins cannot take every core from the rest of the server. Work that finds
/// the queue full or waits too long is refused without being run.
/// </summary>
internal sealed class HashingGate
{
    private const int WaitingPerSlot = 8;
    private readonly SemaphoreSlim _slots;
    private readonly int _maxWaiting;
    private readonly TimeSpan _queueTimeout;
    private int _waiting;
    private int _running;
    private int _peak;
    private long _count;

    public HashingGate(int concurrency, TimeSpan queueTimeout)
    {
        Slots = concurrency > 0 ? concurrency : Math.Max(1, Environment.ProcessorCount / 2);
        _slots = new SemaphoreSlim(Slots, Slots);
        _maxWaiting = WaitingPerSlot * Slots;
        _queueTimeout = queueTimeout;
    }

    public int Slots { get; }

    public long Count => Interlocked.Read(ref _count);

    public int Peak => Volatile.Read(ref _peak);

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
            entered = await _slots.WaitAsync(_queueTimeout, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return entered ? (true, RunEntered(work)) : (false, default!);
    }

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return RunEntered(work);
    }

    private T RunEntered<T>(Func<T> work)
    {
        try
        {
            Interlocked.Increment(ref _count);
            var running = Interlocked.Increment(ref _running);
            int peak;
            while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
            {
            }
            return work();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _slots.Release();
        }
    }
}
