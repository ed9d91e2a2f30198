using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Gardefou.Verification.Security;

/// <summary>
/// Decides, before any password is hashed, whether a sign-in attempt may be checked at all. Two budgets:
/// <list type="bullet">
/// <item>per (account, client): a few free failures, then an exponential back-off (base doubling up to a cap)
/// that delays only that client for that account. The client is the browser's device cookie when it holds one
/// for this account (a device the user signed in from before), else its network address (IPv6 grouped by /64).
/// So an attacker elsewhere slows only themselves: the right password from a known device always works.</item>
/// <item>per account, all untrusted clients together (those without a device cookie for it): at most
/// <see cref="SignInPolicy.UntrustedFailuresPerHour"/> failures an hour, against guessing spread over many
/// addresses. Known devices are never counted or held back by it.</item>
/// </list>
/// Reservations are atomic: an attempt reserves its slot before its password is checked, so concurrent guesses
/// cannot slip past a budget. Nothing is persisted and no address or user name is kept in clear: entries are
/// keyed by an HMAC under a secret that lives only in memory.
/// </summary>
internal sealed class SignInGuard
{
    private const int SweepThreshold = 10_000;
    private const int MaxBudgets = 200_000;
    private static readonly TimeSpan s_forgetAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan s_forgetUnderPressure = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_window = TimeSpan.FromHours(1);
    private readonly TimeProvider _time;
    private readonly SignInPolicy _policy;
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);

    public SignInGuard(TimeProvider time, SignInPolicy policy)
    {
        _time = time;
        _policy = policy;
    }

    /// <summary>Number of budgets held in memory (for tests and sizing).</summary>
    public int Count => _budgets.Count;

    /// <summary>
    /// Reserves the right to check one password of <paramref name="account"/> from <paramref name="client"/>;
    /// null (with how long to wait) when the attempt must be refused without checking anything.
    /// </summary>
    public SignInTicket? TryReserve(string account, SignInClient client, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow();
        SweepIfLarge(now);
        var pairKey = KeyOf("pair", account, client.Id);
        if (!_budgets.TryGetValue(pairKey, out var pair))
        {
            if (_budgets.Count >= MaxBudgets)
            {
                // Memory stays bounded even under a flood from many addresses: newcomers wait for the sweep.
                retryAfter = TimeSpan.FromMinutes(1);
                return null;
            }
            pair = _budgets.GetOrAdd(pairKey, _ => new Budget());
        }
        lock (pair)
        {
            if (now - pair.LastSeen > s_forgetAfter && pair.InFlight == 0)
            {
                pair.Failures = 0;
            }
            if (now < pair.NotBefore)
            {
                retryAfter = pair.NotBefore - now;
                return null;
            }
            // While the free failures last, that many checks may run at once; after that, one at a time.
            if (pair.InFlight >= Math.Max(1, _policy.FreeFailures - pair.Failures))
            {
                retryAfter = TimeSpan.FromSeconds(1);
                return null;
            }
            pair.InFlight++;
            pair.LastSeen = now;
        }
        Budget? untrusted = null;
        if (!client.Trusted)
        {
            var accountBudget = _budgets.GetOrAdd(KeyOf("untrusted", account, []), _ => new Budget());
            var refusedFor = TimeSpan.Zero;
            lock (accountBudget)
            {
                if (now - accountBudget.WindowStart >= s_window)
                {
                    accountBudget.WindowStart = now;
                    accountBudget.Failures = 0;
                }
                if (accountBudget.Failures + accountBudget.InFlight >= _policy.UntrustedFailuresPerHour)
                {
                    refusedFor = accountBudget.WindowStart + s_window - now;
                }
                else
                {
                    accountBudget.InFlight++;
                    accountBudget.LastSeen = now;
                    untrusted = accountBudget;
                }
            }
            if (untrusted is null)
            {
                lock (pair)
                {
                    pair.InFlight--;
                }
                retryAfter = refusedFor;
                return null;
            }
        }
        retryAfter = TimeSpan.Zero;
        return new SignInTicket(pair, untrusted);
    }

    /// <summary>Records the result of a reserved attempt; <paramref name="result"/> null when no password was checked (busy).</summary>
    public void Complete(SignInTicket ticket, bool? result)
    {
        var now = _time.GetUtcNow();
        lock (ticket.Pair)
        {
            ticket.Pair.InFlight--;
            ticket.Pair.LastSeen = now;
            if (result == true)
            {
                ticket.Pair.Failures = 0;
                ticket.Pair.NotBefore = DateTimeOffset.MinValue;
            }
            else if (result == false)
            {
                ticket.Pair.Failures++;
                ticket.Pair.NotBefore = now + DelayAfter(ticket.Pair.Failures);
            }
        }
        if (ticket.Untrusted is { } untrusted)
        {
            lock (untrusted)
            {
                untrusted.InFlight--;
                if (result == false)
                {
                    untrusted.Failures++;
                }
            }
        }
    }

    /// <summary>The wait imposed after <paramref name="failures"/> consecutive failures: none while free, then base × 2^k up to the cap.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var beyond = failures - _policy.FreeFailures;
        if (beyond < 0)
        {
            return TimeSpan.Zero;
        }
        var seconds = _policy.BackoffBase.TotalSeconds * Math.Pow(2, Math.Min(beyond, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, _policy.BackoffCap.TotalSeconds));
    }

    private string KeyOf(string kind, string account, ReadOnlySpan<byte> client)
    {
        var accountBytes = Encoding.UTF8.GetBytes(kind + "\0" + account + "\0");
        var input = new byte[accountBytes.Length + client.Length];
        accountBytes.CopyTo(input, 0);
        client.CopyTo(input.AsSpan(accountBytes.Length));
        return Convert.ToBase64String(HMACSHA256.HashData(_secret, input));
    }

    private void SweepIfLarge(DateTimeOffset now)
    {
        if (_budgets.Count <= SweepThreshold)
        {
            return;
        }
        // Forgotten once idle (a day; an hour when the table is large) and not holding anyone back any more.
        var idle = _budgets.Count > MaxBudgets / 2 ? s_forgetUnderPressure : s_forgetAfter;
        foreach (var (key, budget) in _budgets)
        {
            lock (budget)
            {
                if (budget.InFlight == 0 && budget.NotBefore <= now && now - budget.LastSeen > idle)
                {
                    _budgets.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>Mutable state of one budget, guarded by locking the instance.</summary>
    internal sealed class Budget
    {
        public int Failures;
        public int InFlight;
        public DateTimeOffset NotBefore = DateTimeOffset.MinValue;
        public DateTimeOffset LastSeen;
        public DateTimeOffset WindowStart = DateTimeOffset.MinValue;
    }
}
