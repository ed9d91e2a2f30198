using System.Net;
using Gardefou.Verification.Security;

namespace Gardefou.Verification.Tests.Portal;

/// <summary>How sign-in throttles group addresses (issue 13: "an IPv6 /64 is effectively unlimited").</summary>
public sealed class PortalSignInClientTests
{
    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    public void Addresses_of_one_ipv6_64_or_one_ipv4_address_count_as_one_client(string first, string second, bool same)
    {
        var a = SignInClient.Address(IPAddress.Parse(first));
        var b = SignInClient.Address(IPAddress.Parse(second));

        Assert.Equal(same, a.Id.AsSpan().SequenceEqual(b.Id));
        Assert.Equal(same, SignInClient.ThrottleAddressOf(IPAddress.Parse(first))!.Equals(SignInClient.ThrottleAddressOf(IPAddress.Parse(second))));
    }

    [Fact]
    public void A_device_is_never_confused_with_an_address()
    {
        var device = SignInClient.Device([203, 0, 113, 7]);
        var address = SignInClient.Address(IPAddress.Parse("203.0.113.7"));

        Assert.True(device.Trusted);
        Assert.False(address.Trusted);
        Assert.False(device.Id.AsSpan().SequenceEqual(address.Id));
    }
}
