using System.Net;
using Gardefou.Hosting.Throttling;

namespace Gardefou.Hosting.Tests.Throttling;

public sealed class ClientGroupTests
{
    [Fact]
    public void Two_addresses_in_one_ipv6_64_are_one_client() =>
        Assert.Equal(ClientGroup.Of(IPAddress.Parse("2001:db8:1:2::1")), ClientGroup.Of(IPAddress.Parse("2001:db8:1:2:ffff::9")));

    [Fact]
    public void Different_ipv6_64s_are_different_clients() =>
        Assert.NotEqual(ClientGroup.Of(IPAddress.Parse("2001:db8:1:2::1")), ClientGroup.Of(IPAddress.Parse("2001:db8:1:3::1")));

    [Fact]
    public void An_ipv4_address_mapped_into_ipv6_is_the_same_client_as_itself() =>
        Assert.Equal(ClientGroup.Of(IPAddress.Parse("192.0.2.7")), ClientGroup.Of(IPAddress.Parse("::ffff:192.0.2.7")));

    [Fact]
    public void An_unknown_address_has_an_empty_group() => Assert.Empty(ClientGroup.Of(null));
}
