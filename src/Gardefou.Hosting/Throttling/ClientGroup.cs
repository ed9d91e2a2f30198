using System.Net;
using System.Net.Sockets;

namespace Gardefou.Hosting.Throttling;

/// <summary>
/// The part of an address that names one client for throttling: all of an IPv4 address (also when mapped into IPv6),
/// the /64 prefix of an IPv6 address, since one subscriber is usually given a whole /64 and could rotate through it.
/// Throttles keep only a keyed hash of these bytes, never the address.
/// </summary>
public static class ClientGroup
{
    /// <summary>The most bytes <see cref="Write"/> writes.</summary>
    public const int MaxBytes = 16;

    /// <summary>The group of <paramref name="address"/> (empty when unknown).</summary>
    public static byte[] Of(IPAddress? address)
    {
        Span<byte> bytes = stackalloc byte[MaxBytes];
        return bytes[..Write(address, bytes)].ToArray();
    }

    /// <summary>Writes the group of <paramref name="address"/> to <paramref name="destination"/>; returns its length (0 when unknown).</summary>
    public static int Write(IPAddress? address, Span<byte> destination)
    {
        if (address is null)
        {
            return 0;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (!address.TryWriteBytes(destination, out var written))
        {
            return 0;
        }
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? Math.Min(written, 8) : written;
    }
}
