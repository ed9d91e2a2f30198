using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Server.Hosting;

/// <summary>
/// Turns a client address into an opaque rate-limit partition: an HMAC under a random secret that lives only
/// in memory and is replaced every day, so neither the limiter nor anything else ever holds addresses in clear.
/// </summary>
internal sealed class ClientPartitioner
{
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private DateOnly _secretDay;

    public ClientPartitioner(TimeProvider clock)
    {
        _clock = clock;
        _secretDay = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The partition of the request's client.</summary>
    public string PartitionOf(HttpContext context) => PartitionOf(context.Connection.RemoteIpAddress);

    /// <summary>The partition of <paramref name="address"/> (unknown addresses share one partition).</summary>
    public string PartitionOf(IPAddress? address)
    {
        Span<byte> addressBytes = stackalloc byte[16];
        if (address is null || !address.TryWriteBytes(addressBytes, out var written))
        {
            return "unknown";
        }
        var secret = CurrentSecret();
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, addressBytes[..written], mac);
        return Convert.ToHexString(mac[..12]);
    }

    private byte[] CurrentSecret()
    {
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            if (today != _secretDay)
            {
                _secret = RandomNumberGenerator.GetBytes(32);
                _secretDay = today;
            }
            return _secret;
        }
    }
}
