using System.Net;
using System.Net.Sockets;
using Gardefou.Hosting.Throttling;

namespace Gardefou.Verification.Security;

/// <summary>
/// Who is trying to sign in, as the <see cref="SignInGuard"/> tells clients apart: a device cookie the account
/// signed in from before (trusted), else the network address with an IPv6 address cut to its /64 (one subscriber's
/// whole prefix counts as one client).
/// </summary>
internal sealed record SignInClient(bool Trusted, byte[] Id)
{
    /// <summary>A browser holding a device cookie of the account.</summary>
    public static SignInClient Device(ReadOnlySpan<byte> deviceId) => new(true, [(byte)'d', .. deviceId]);

    /// <summary>A client known only by its address.</summary>
    public static SignInClient Address(IPAddress? address) => new(false, [(byte)'a', .. GroupOf(address)]);

    /// <summary>The bytes that identify an address's group: IPv4 whole (also when mapped into IPv6), IPv6 its /64.</summary>
    public static byte[] GroupOf(IPAddress? address) => ClientGroup.Of(address);

    /// <summary>The address the per-client throttle should count: the /64 of an IPv6 address, an IPv4 address as is.</summary>
    public static IPAddress? ThrottleAddressOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
