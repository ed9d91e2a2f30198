namespace Gardefou.Hosting.SignIn;

/// <summary>
/// An admitted sign-in attempt: the places it holds in its budgets until the password check ends. Call
/// <see cref="Record"/> once the password was checked; disposing without it releases the places and counts nothing
/// (no password was checked: the server was busy, the request failed or was cancelled).
/// </summary>
public sealed class SignInTicket : IDisposable
{
    private readonly TimeProvider _time;
    private readonly HeldBudget[] _held;
    private int _ended;

    internal SignInTicket(TimeProvider time, HeldBudget[] held)
    {
        _time = time;
        _held = held;
    }

    /// <summary>Records the checked password: a failure counts in every budget held, a success clears those a success clears.</summary>
    public void Record(bool passwordRight)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }
        var now = _time.GetUtcNow();
        foreach (var held in _held)
        {
            held.State.Record(held.Rule, passwordRight, held.SuccessClears, now);
        }
    }

    /// <summary>Releases the places without counting anything, unless <see cref="Record"/> was called.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }
        var now = _time.GetUtcNow();
        foreach (var held in _held)
        {
            held.State.Release(now);
        }
    }
}
