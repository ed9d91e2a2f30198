using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Gardefou.Protocol.Crypto;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Tests.Vectors;

namespace Gardefou.Protocol.Tests.Crypto;

/// <summary>The sixteen-lane SHA-256, HMAC and HKDF, and the scalar HKDF, against System.Security.Cryptography.</summary>
public class Sha256LanesTests
{
    private static readonly GaenVectors s_vectors = GaenVectors.Load();

    private static void RequireLanes()
    {
        if (!Sha256x16.IsSupported)
        {
            Assert.Skip("This processor lacks AVX-512: the sixteen-lane SHA-256 cannot run here.");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(119)]
    [InlineData(200)]
    public void Sixteen_lane_hashes_equal_sha256(int length)
    {
        RequireLanes();
        var messages = new byte[16 * length];
        new Random(length).NextBytes(messages);
        var digests = new byte[16 * 32];
        Sha256x16.Hash(messages, length, digests);
        for (var l = 0; l < 16; l++)
        {
            Assert.Equal(SHA256.HashData(messages.AsSpan(l * length, length)), digests.AsSpan(l * 32, 32).ToArray());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(55)]
    public void Sixteen_lane_hmacs_equal_hmac_sha256(int length)
    {
        RequireLanes();
        var random = new Random(100 + length);
        var keys = new byte[16 * 32];
        var messages = new byte[16 * length];
        random.NextBytes(keys);
        random.NextBytes(messages);
        var macs = new byte[16 * 32];
        Sha256x16.Mac32(keys, messages, length, macs);
        for (var l = 0; l < 16; l++)
        {
            var expected = HMACSHA256.HashData(keys.AsSpan(l * 32, 32), messages.AsSpan(l * length, length));
            Assert.Equal(expected, macs.AsSpan(l * 32, 32).ToArray());
        }
    }

    [Fact]
    public void Sixteen_lane_hkdf_equals_hkdf_on_random_keys_and_the_published_vector()
    {
        RequireLanes();
        var random = new Random(42);
        var teks = new UInt128[16];
        random.NextBytes(MemoryMarshal.AsBytes(teks.AsSpan()));
        teks[9] = TemporaryExposureKey.FromHex(s_vectors.Tek).Bytes.ToUInt128();
        var rpiks = new UInt128[16];
        Sha256x16.DeriveRpiks(teks, rpiks);
        for (var l = 0; l < 16; l++)
        {
            Assert.Equal(Hkdf(teks[l]), rpiks[l]);
        }
        Assert.Equal(s_vectors.Rpik, Convert.ToHexStringLower(MemoryMarshal.AsBytes(rpiks.AsSpan(9, 1))));
    }

    [Fact]
    public void Scalar_hkdf_equals_hkdf_on_random_keys_and_the_published_vector()
    {
        var random = new Random(43);
        var tek = new UInt128[1];
        for (var i = 0; i < 50; i++)
        {
            random.NextBytes(MemoryMarshal.AsBytes(tek.AsSpan()));
            Assert.Equal(Hkdf(tek[0]), Sha256Scalar.DeriveRpik(tek[0]));
        }
        var published = Sha256Scalar.DeriveRpik(TemporaryExposureKey.FromHex(s_vectors.Tek).Bytes.ToUInt128());
        Assert.Equal(s_vectors.Rpik, Convert.ToHexStringLower(MemoryMarshal.AsBytes(new[] { published }.AsSpan())));
    }

    private static UInt128 Hkdf(UInt128 tek)
    {
        var output = HKDF.DeriveKey(HashAlgorithmName.SHA256, MemoryMarshal.AsBytes(new[] { tek }.AsSpan()).ToArray(), 16, [], "EN-RPIK"u8.ToArray());
        return MemoryMarshal.Read<UInt128>(output);
    }
}
