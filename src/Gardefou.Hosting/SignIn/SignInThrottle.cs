using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gardefou.Hosting.Throttling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gardefou.Hosting.SignIn;

/// <summary>
/// Guards a sign-in before any password is hashed, the one mechanism every domain configures with its own
/// <see cref="SignInPolicy"/>:
/// <list type="bullet">
/// <item>budgets of failures per client, per (account, client) and per account for clients without a known device
/// of it, each reserved atomically before the password is checked, so concurrent guesses cannot slip past a count
/// read before the others wrote it (<see cref="TryAdmit"/>);</item>
/// <item>no lockout: a budget only spaces attempts out, and a browser holding a device token of the account (issued at
/// a successful sign-in, <see cref="IssueDeviceToken"/>) is its own client and skips the per-account budget, so an
/// attacker who knows only the user name slows only themselves and strangers, never the user's known device;</item>
/// <item>a global cap on concurrent hashing with a short, bounded queue (<see cref="TryHashAsync"/>);</item>
/// <item>a bounded table: idle budgets are swept, and when it is full newcomers wait (known devices excepted).</item>
/// </list>
/// Nothing is stored or logged: budgets are keyed by an HMAC of the account name (letter case ignored) and of the
/// client (an address is its <see cref="ClientGroup"/>) under a secret that lives only in this process's memory.
/// </summary>
public sealed partial class SignInThrottle
{
    private static readonly TimeSpan s_forgetAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan s_forgetUnderPressure = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_fullWait = TimeSpan.FromMinutes(1);
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, BudgetState> _budgets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly HashingGate _hashing;
    private readonly DeviceTokens _devices;
    private readonly int _sweepAbove;
    private long _lastSweepTicks;

    /// <param name="policy">The domain's figures.</param>
    /// <param name="time">The clock.</param>
    /// <param name="deviceKey">
    /// The key of the device tokens, read at first use; null for a random key of this process (tokens then end with
    /// it). A key kept by the domain lets tokens outlive a restart and be read by every instance.
    /// </param>
    /// <param name="logger">Where a full table is reported (a count, nothing else).</param>
    public SignInThrottle(SignInPolicy policy, TimeProvider time, Func<byte[]>? deviceKey = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        Policy = policy;
        _time = time;
        _log = logger ?? NullLogger.Instance;
        _hashing = new HashingGate(policy.HashingConcurrency, policy.HashingQueueTimeout);
        _devices = new DeviceTokens(deviceKey ?? (() => RandomNumberGenerator.GetBytes(32)));
        _sweepAbove = Math.Max(1, policy.MaxEntries / 20);
    }

    /// <summary>The figures this throttle applies.</summary>
    public SignInPolicy Policy { get; }

    /// <summary>Budgets held in memory (tests and sizing).</summary>
    public int Count => _budgets.Count;

    /// <summary>How many password hashes may run at once.</summary>
    public int HashingSlots => _hashing.Slots;

    /// <summary>Password hashes run since start (tests and measurements read it).</summary>
    public long Hashes => _hashing.Count;

    /// <summary>The most password hashes that ran at once since start.</summary>
    public int HashingPeak => _hashing.Peak;

    /// <summary>The wait to announce when no hashing slot freed up in time.</summary>
    public TimeSpan BusyRetryAfter => Policy.HashingQueueTimeout;

    /// <summary>
    /// Reserves the right to check one password of <paramref name="account"/>; null (with how long to wait) when the
    /// attempt must be refused without checking anything. The ticket must be recorded or disposed.
    /// </summary>
    /// <param name="account">The user name as typed.</param>
    /// <param name="address">The client's address (after trusted-proxy resolution), null when unknown.</param>
    /// <param name="knownDevice">The device id from <see cref="KnownDevice"/> when the browser holds a valid token of this account.</param>
    /// <param name="retryAfter">How long to wait when refused.</param>
    public SignInTicket? TryAdmit(string account, IPAddress? address, byte[]? knownDevice, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = _time.GetUtcNow();
        SweepIfDue(now);
        var known = knownDevice is not null;
        byte[] client = known ? [(byte)'d', .. knownDevice!] : [(byte)'a', .. ClientGroup.Of(address)];
        var name = account.ToLowerInvariant();
        var held = new List<HeldBudget>(3);
        var wait = Reserve(held, Policy.PerClient, Scope.Client, "", client, known, now)
            ?? Reserve(held, Policy.PerAccountAndClient, Scope.AccountAndClient, name, client, known, now)
            ?? (known ? null : Reserve(held, Policy.PerAccountFromUnknownDevices, Scope.Account, name, [], known, now));
        if (wait is { } refused)
        {
            foreach (var place in held)
            {
                place.State.Release(now);
            }
            retryAfter = refused;
            return null;
        }
        retryAfter = TimeSpan.Zero;
        return new SignInTicket(_time, [.. held]);
    }

    /// <summary>Runs a password hash within the global cap; Ran is false when no slot freed up in time (answer "busy" with <see cref="BusyRetryAfter"/>).</summary>
    public Task<(bool Ran, T Result)> TryHashAsync<T>(Func<T> hash, CancellationToken ct) => _hashing.TryRunAsync(hash, ct);

    /// <summary>Runs a password hash within the global cap however long the wait (signed-in users' own actions, administration).</summary>
    public Task<T> HashAsync<T>(Func<T> hash, CancellationToken ct) => _hashing.RunAsync(hash, ct);

    /// <summary>A device token for this browser that adds <paramref name="account"/> (exactly as the database names it) to the accounts of <paramref name="existing"/>.</summary>
    public string IssueDeviceToken(string? existing, string account) => _devices.Issue(existing, account);

    /// <summary>The device id when <paramref name="token"/> is a valid device token of <paramref name="account"/>, else null.</summary>
    public byte[]? KnownDevice(string? token, string account) => _devices.DeviceOf(token, account);

    private TimeSpan? Reserve(List<HeldBudget> held, FailureBudget? rule, Scope scope, string account, byte[] client, bool knownDevice, DateTimeOffset now)
    {
        if (rule is null)
        {
            return null;
        }
        var key = KeyOf(scope, account, client);
        while (true)
        {
            if (!_budgets.TryGetValue(key, out var state))
            {
                if (_budgets.Count >= (knownDevice ? 2L * Policy.MaxEntries : Policy.MaxEntries))
                {
                    return s_fullWait;
                }
                state = _budgets.GetOrAdd(key, _ => new BudgetState());
            }
            var wait = state.TryReserve(rule, now, s_forgetAfter, out var current);
            if (!current)
            {
                // The sweep dropped this entry between the lookup and the lock: take the table's current one.
                _budgets.TryRemove(new KeyValuePair<string, BudgetState>(key, state));
                continue;
            }
            if (wait is null)
            {
                // A success clears a client's own budgets; the per-account one counts strangers, whom it says nothing about.
                held.Add(new HeldBudget(state, rule, SuccessClears: scope != Scope.Account));
            }
            return wait;
        }
    }

    private string KeyOf(Scope scope, string account, byte[] client)
    {
        var accountBytes = Encoding.UTF8.GetByteCount(account);
        var input = new byte[1 + 4 + accountBytes + client.Length];
        input[0] = (byte)scope;
        BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(1), accountBytes);
        Encoding.UTF8.GetBytes(account, input.AsSpan(5));
        client.CopyTo(input, 5 + accountBytes);
        return Convert.ToBase64String(HMACSHA256.HashData(_secret, input));
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (_budgets.Count <= _sweepAbove)
        {
            return;
        }
        // At most one sweep every few seconds, by one caller: a flood cannot make every attempt walk the table.
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < s_sweepEvery.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }
        var idle = _budgets.Count > Policy.MaxEntries / 2 ? s_forgetUnderPressure : s_forgetAfter;
        foreach (var (key, state) in _budgets)
        {
            if (state.TryForget(now, idle))
            {
                _budgets.TryRemove(new KeyValuePair<string, BudgetState>(key, state));
            }
        }
        if (_budgets.Count >= Policy.MaxEntries)
        {
            LogTableFull(_log, _budgets.Count);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Sign-in throttle full ({Count} budgets): sign-ins from new clients wait until idle ones are forgotten")]
    private static partial void LogTableFull(ILogger logger, int count);

    private enum Scope : byte
    {
        Client = 1,
        AccountAndClient = 2,
        Account = 3,
    }
}
