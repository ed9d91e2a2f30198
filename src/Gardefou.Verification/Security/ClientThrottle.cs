using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace Gardefou.Verification.Security;

/// <summary>
/// Limits how often one client (one IPv4 address or one IPv6 /64) may try codes, without keeping its address: the limiter's key is an HMAC
/// of the address under a random secret that lives only in memory and is replaced every UTC day, and
/// nothing is persisted. Fixed one-minute windows.
/// </summary>
internal sealed class ClientThrottle
{
    private const int SweepThreshold = 10_000;
    private readonly TimeProvider _time;
    private readonly int _perMinute;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _secretLock = new();
    private byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private DateOnly _secretDay;

    /// <summary>Service key of the throttle of <c>/api/verify</c>.</summary>
    public const string Verify = "verify";

    /// <summary>Service key of the throttle of portal sign-ins.</summary>
    public const string SignIn = "sign-in";

    public ClientThrottle(TimeProvider time, int perMinute)
    {
        _time = time;
        _perMinute = perMinute;
        _secretDay = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Counts one request of the client; false (with the wait) when it is over its limit.</summary>
    public bool TryAcquire(IPAddress? address, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var key = KeyOf(address, now);
        if (_windows.Count > SweepThreshold)
        {
            foreach (var (k, w) in _windows)
            {
                if (w.Minute != minute)
                {
                    _windows.TryRemove(k, out _);
                }
            }
        }
        var window = _windows.AddOrUpdate(key, _ => new Window(minute, 1), (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new Window(minute, 1));
        retryAfter = TimeSpan.FromSeconds(60 - (now.ToUnixTimeSeconds() % 60));
        return window.Count <= _perMinute;
    }

    private string KeyOf(IPAddress? address, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        byte[] secret;
        lock (_secretLock)
        {
            if (day != _secretDay)
            {
                // A new day: yesterday's keys can no longer be linked to today's, and the old windows go.
                _secret = RandomNumberGenerator.GetBytes(32);
                _secretDay = day;
                _windows.Clear();
            }
            secret = _secret;
        }
        Span<byte> bytes = stackalloc byte[16];
        var written = ClientPrefix(address, bytes);
        return Convert.ToBase64String(HMACSHA256.HashData(secret, bytes[..written]));
    }

    /// <summary>
    /// The part of an address that names one client: all of an IPv4 address (also when mapped into IPv6), the /64
    /// prefix of an IPv6 address, since one subscriber is usually given a whole /64 and could rotate through it.
    /// </summary>
    internal static int ClientPrefix(IPAddress? address, Span<byte> destination) => Hosting.Throttling.ClientGroup.Write(address, destination);

    private readonly record struct Window(long Minute, int Count);
}
