namespace Gardefou.Hosting.SignIn;

/// <summary>
/// The failures of one budget key and when it may try again. Check-and-reserve happens under the instance's lock,
/// before any hashing, so concurrent guesses cannot all slip through on a count read before the others wrote it.
/// </summary>
internal sealed class BudgetState
{
    private readonly Lock _lock = new();
    private int _failures;
    private int _inFlight;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSeen = DateTimeOffset.MinValue;
    private bool _forgotten;

    /// <summary>
    /// Reserves an attempt: null when admitted, else how long to wait. False in <paramref name="current"/> when the
    /// sweep dropped this entry meanwhile (the caller takes the one now in the table).
    /// </summary>
    public TimeSpan? TryReserve(FailureBudget rule, DateTimeOffset now, TimeSpan forgetAfter, out bool current)
    {
        lock (_lock)
        {
            current = !_forgotten;
            if (_forgotten)
            {
                return null;
            }
            if (_inFlight == 0 && now - _lastSeen > forgetAfter)
            {
                _failures = 0;
                _notBefore = DateTimeOffset.MinValue;
            }
            _lastSeen = now;
            if (now < _notBefore)
            {
                return _notBefore - now;
            }
            // While free failures remain, that many checks may run at once; after that, one at a time.
            if (_inFlight > 0 && _failures + _inFlight >= rule.FreeFailures)
            {
                return TimeSpan.FromSeconds(1);
            }
            _inFlight++;
            return null;
        }
    }

    /// <summary>Ends a reserved attempt whose password was never checked (busy, error, cancelled): nothing is counted.</summary>
    public void Release(DateTimeOffset now)
    {
        lock (_lock)
        {
            _inFlight--;
            _lastSeen = now;
        }
    }

    /// <summary>Ends a reserved attempt whose password was checked: a failure adds to the count (and may start a wait).</summary>
    public void Record(FailureBudget rule, bool passwordRight, bool successClears, DateTimeOffset now)
    {
        lock (_lock)
        {
            _inFlight--;
            _lastSeen = now;
            if (passwordRight)
            {
                if (successClears)
                {
                    _failures = 0;
                    _notBefore = DateTimeOffset.MinValue;
                }
                return;
            }
            _failures++;
            var until = now + rule.DelayAfter(_failures);
            if (until > _notBefore)
            {
                _notBefore = until;
            }
        }
    }

    /// <summary>
    /// Marks the entry forgotten when it holds nobody back any more: nothing in flight, and either no failure or no
    /// wait running and idle for <paramref name="idle"/>. True when the caller may drop it from the table.
    /// </summary>
    public bool TryForget(DateTimeOffset now, TimeSpan idle)
    {
        lock (_lock)
        {
            if (_inFlight == 0 && (_failures == 0 || (now >= _notBefore && now - _lastSeen > idle)))
            {
                _forgotten = true;
            }
            return _forgotten;
        }
    }
}
