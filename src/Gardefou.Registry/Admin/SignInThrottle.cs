using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gardefou.Hosting.Throttling;

namespace Gardefou.Registry.Admin;

/// <summary>
/// Guards the registry's sign-in before any password is hashed: a budget per account and one per client (IPv6 grouped
/// by /64), each allowing a few failures and then one attempt per doubling delay; and a global cap on concurrent
/// PBKDF2 work. The account budget never locks anyone out: it only spaces out the attempts of clients that have not
/// signed in as that user before, since a browser holding that user's device cookie (issued at a successful
/// sign-in) skips it — the device-cookie design of OWASP's "Slow Down Online Guessing Attacks with Device Cookies".
/// Nothing here is stored or logged: clients are held in memory as keyed hashes of their address, forgotten when idle.
/// </summary>
internal sealed class SignInThrottle
{
    /// <summary>Failures allowed before delays start, per account (for unknown devices) and per client.</summary>
    public const int FreeAccountFailures = 5;

    public const int FreeClientFailures = 10;

    public static readonly TimeSpan MaxAccountDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxClientDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long a sign-in may wait for a hashing slot before it is told the server is busy.</summary>
    public static readonly TimeSpan HashingQueueTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_forgetAfter = TimeSpan.FromHours(1);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, SignInBudget> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignInBudget> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _hashing;
    private readonly TimeProvider _time;
    private int _hashingNow;
    private int _hashingPeak;

    public SignInThrottle(TimeProvider time)
    {
        _time = time;
        // Half the cores at most: sign-in can never take the CPU that searches and reports need.
        HashingSlots = Math.Max(1, Environment.ProcessorCount / 2);
        _hashing = new SemaphoreSlim(HashingSlots, HashingSlots);
    }

    public int HashingSlots { get; }

    /// <summary>Password hashes computed since start (tests and the measurement read it).</summary>
    public long Hashes => Interlocked.Read(ref _hashes);

    private long _hashes;

    /// <summary>The most password hashes that ran at once since start (tests read it).</summary>
    public int HashingPeak => Volatile.Read(ref _hashingPeak);

    /// <summary>Reserves an attempt for this account and client, or says how long to wait (no hashing done).</summary>
    public SignInTicket? TryAdmit(string username, IPAddress? client, bool trustedDevice, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow();
        Prune(now);
        var clientBudget = _clients.GetOrAdd(ClientKey(client), _ => new SignInBudget(FreeClientFailures, MaxClientDelay));
        if (clientBudget.TryReserve(now) is { } clientWait)
        {
            retryAfter = clientWait;
            return null;
        }
        SignInBudget? accountBudget = null;
        if (!trustedDevice)
        {
            accountBudget = _accounts.GetOrAdd(AccountKey(username), _ => new SignInBudget(FreeAccountFailures, MaxAccountDelay));
            if (accountBudget.TryReserve(now) is { } accountWait)
            {
                clientBudget.Complete(success: false, now); // the refused attempt still counts against the client
                retryAfter = accountWait;
                return null;
            }
        }
        retryAfter = TimeSpan.Zero;
        return new SignInTicket(clientBudget, accountBudget, _time);
    }

    /// <summary>Runs password hashing within the global cap; null when no slot freed up in time (server busy).</summary>
    public async Task<T?> HashAsync<T>(Func<T> hash, CancellationToken ct)
        where T : class
    {
        if (!await _hashing.WaitAsync(HashingQueueTimeout, ct))
        {
            return null;
        }
        try
        {
            Interlocked.Increment(ref _hashes);
            var running = Interlocked.Increment(ref _hashingNow);
            InterlockedMax(ref _hashingPeak, running);
            return hash();
        }
        finally
        {
            Interlocked.Decrement(ref _hashingNow);
            _hashing.Release();
        }
    }

    /// <summary>A device cookie value binding this browser to <paramref name="username"/> (HMAC under this process's key).</summary>
    public string DeviceToken(string username)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        return $"{Convert.ToHexStringLower(nonce)}.{Convert.ToHexStringLower(Mac(username, nonce))}";
    }

    public bool IsTrustedDevice(string? token, string username)
    {
        if (token is not { Length: 97 } || token[32] != '.')
        {
            return false;
        }
        try
        {
            var nonce = Convert.FromHexString(token.AsSpan(0, 32));
            var mac = Convert.FromHexString(token.AsSpan(33));
            return CryptographicOperations.FixedTimeEquals(mac, Mac(username, nonce));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private byte[] Mac(string username, byte[] nonce) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("device:" + username.ToLowerInvariant() + ":").Concat(nonce).ToArray());

    private string AccountKey(string username) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("account:" + username.ToLowerInvariant())));

    /// <summary>A keyed hash of the client's address; an IPv6 client is its /64, which one subscriber usually holds whole.</summary>
    private string ClientKey(IPAddress? address) =>
        address is null ? "unknown" : Convert.ToHexString(HMACSHA256.HashData(_key, ClientGroup.Of(address)));

    private void Prune(DateTimeOffset now)
    {
        if (_accounts.Count + _clients.Count < 10_000)
        {
            return;
        }
        foreach (var map in new[] { _accounts, _clients })
        {
            foreach (var (key, budget) in map)
            {
                if (budget.IsIdle(now, s_forgetAfter))
                {
                    map.TryRemove(key, out _);
                }
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
