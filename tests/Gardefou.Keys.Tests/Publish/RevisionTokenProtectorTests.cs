using System.Security.Cryptography;
using Gardefou.Keys.Features.Publish;
using Gardefou.Protocol.Keys;

namespace Gardefou.Keys.Tests.Publish;

public sealed class RevisionTokenProtectorTests
{
    private static SubmittedKey Key(int start) =>
        new(TemporaryExposureKey.Generate(), "", start, 144, 0);

    [Fact]
    public void A_token_round_trips_the_keys_it_lists()
    {
        var protector = new RevisionTokenProtector(RandomNumberGenerator.GetBytes(32));
        SubmittedKey[] keys = [Key(2_900_000), Key(2_900_144)];
        Assert.True(protector.TryUnprotect(protector.Protect(keys), out var listed));
        Assert.Equal(keys.Select(k => (k.Key, k.RollingStart, k.RollingPeriod)), listed.Select(k => (k.Key, k.RollingStart, k.RollingPeriod)));
    }

    [Fact]
    public void Every_token_has_the_same_size_whatever_the_key_count()
    {
        var protector = new RevisionTokenProtector(RandomNumberGenerator.GetBytes(32));
        var sizes = new[] { 0, 1, 14, 30 }.Select(n => protector.Protect(Enumerable.Range(0, n).Select(i => Key(2_900_000 + (i * 144))).ToArray()).Length).Distinct();
        Assert.Single(sizes);
        Assert.Equal(RevisionTokenProtector.RandomToken().Length, sizes.Single());
    }

    [Fact]
    public void A_token_of_another_key_a_flipped_byte_or_garbage_is_refused()
    {
        var protector = new RevisionTokenProtector(RandomNumberGenerator.GetBytes(32));
        var other = new RevisionTokenProtector(RandomNumberGenerator.GetBytes(32));
        var token = protector.Protect([Key(2_900_000)]);
        Assert.False(other.TryUnprotect(token, out _));
        var bytes = Convert.FromBase64String(token);
        bytes[40] ^= 1;
        Assert.False(protector.TryUnprotect(Convert.ToBase64String(bytes), out _));
        Assert.False(protector.TryUnprotect("garbage", out _));
        Assert.False(protector.TryUnprotect(RevisionTokenProtector.RandomToken(), out _));
        Assert.False(protector.TryUnprotect(null, out _));
        Assert.False(protector.TryUnprotect(new string('A', 100_000), out _));
    }
}
