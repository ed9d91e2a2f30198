using Gardefou.Verification.Codes;

namespace Gardefou.Verification.Security;

/// <summary>
/// Caps wrong codes (code guesses) per realm and over the whole service, in fixed one-minute windows, so that many
/// clients together cannot try more codes than the budget allows (the per-client limit is <see cref="ClientThrottle"/>).
/// A request without a device key counts against the keyless realms' shared budget. Only counts, in memory.
/// While a budget is spent, every verification in its scope is refused with 429 until the minute ends: a guesser
/// can delay honest users by a minute at a time, but cannot raise the odds of claiming someone's code.
/// </summary>
internal sealed class GuessBudget
{
    private readonly TimeProvider _time;
    private readonly int _perRealm;
    private readonly int _global;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _perScope = [];
    private long _minute;
    private int _total;

    public GuessBudget(TimeProvider time, int perRealmPerMinute, int globalPerMinute)
    {
        _time = time;
        _perRealm = perRealmPerMinute;
        _global = globalPerMinute;
    }

    /// <summary>True when the scope's or the global budget of this minute is spent; <paramref name="retryAfter"/> is the rest of the minute.</summary>
    public bool IsSpent(RealmScope scope, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        retryAfter = TimeSpan.FromSeconds(60 - (now % 60));
        lock (_gate)
        {
            Roll(now / 60);
            return _total >= _global || _perScope.GetValueOrDefault(KeyOf(scope)) >= _perRealm;
        }
    }

    /// <summary>Counts one wrong code presented in <paramref name="scope"/>.</summary>
    public void RecordWrongCode(RealmScope scope)
    {
        var minute = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        lock (_gate)
        {
            Roll(minute);
            _total++;
            var key = KeyOf(scope);
            _perScope[key] = _perScope.GetValueOrDefault(key) + 1;
        }
    }

    private void Roll(long minute)
    {
        if (minute != _minute)
        {
            _minute = minute;
            _total = 0;
            _perScope.Clear();
        }
    }

    // Realm ids are positive; 0 stands for the keyless realms together.
    private static int KeyOf(RealmScope scope) => scope.KeyRealmId ?? 0;
}
