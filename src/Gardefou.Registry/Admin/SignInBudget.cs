namespace Gardefou.Registry.Admin;

/// <summary>
/// The failures of one key (an account, or a client) and when it may try again. Check-and-reserve happens under one
/// lock, before any hashing, so concurrent guesses cannot all slip through on a count read before the others wrote.
/// The first <c>free</c> failures cost nothing; each one after that makes the key wait a delay that doubles with
/// every failure, up to <c>maxDelay</c>, and past the free ones only one attempt at a time is let through.
/// </summary>
internal sealed class SignInBudget(int free, TimeSpan maxDelay)
{
    private readonly Lock _lock = new();
    private int _failures;
    private int _inFlight;
    private DateTimeOffset _nextAllowed = DateTimeOffset.MinValue;
    private DateTimeOffset _lastTouched;

    /// <summary>Reserves an attempt; returns null when admitted, else how long to wait.</summary>
    public TimeSpan? TryReserve(DateTimeOffset now)
    {
        lock (_lock)
        {
            _lastTouched = now;
            if (now < _nextAllowed)
            {
                return _nextAllowed - now;
            }
            if (_failures + _inFlight >= free && _inFlight > 0)
            {
                return TimeSpan.FromSeconds(1);
            }
            _inFlight++;
            return null;
        }
    }

    /// <summary>Ends a reserved attempt: a success clears the record, a failure adds to it (and may start a delay).</summary>
    public void Complete(bool success, DateTimeOffset now)
    {
        lock (_lock)
        {
            _inFlight--;
            if (success)
            {
                _failures = 0;
                _nextAllowed = DateTimeOffset.MinValue;
                return;
            }
            _failures++;
            if (_failures >= free)
            {
                var seconds = Math.Min(Math.Pow(2, Math.Min(_failures - free, 20)), maxDelay.TotalSeconds);
                var until = now + TimeSpan.FromSeconds(seconds);
                _nextAllowed = until > _nextAllowed ? until : _nextAllowed;
            }
        }
    }

    /// <summary>True when nothing is recorded or under way, or the record is old (the entry can be dropped).</summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan forgetAfter)
    {
        lock (_lock)
        {
            return _inFlight == 0 && (_failures == 0 || now - _lastTouched > forgetAfter);
        }
    }
}
