using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Gardefou.Protocol.Crypto;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Tests.Vectors;

namespace Gardefou.Protocol.Tests.Crypto;

public class AesNi128Tests
{
    private static readonly GaenVectors s_vectors = GaenVectors.Load();

    [Fact]
    public void All_144_published_identifiers_come_out_of_the_aes_ni_path()
    {
        if (!AesNi128.IsSupported)
        {
            Assert.Skip("This processor lacks AES-NI.");
        }
        var rpik = Convert.FromHexString(s_vectors.Rpik).AsSpan().ToUInt128();
        var rpis = new UInt128[144];
        AesNi128.EncryptIntervals(rpik, (uint)s_vectors.FirstInterval, rpis);
        for (var i = 0; i < 144; i++)
        {
            Assert.Equal(s_vectors.Intervals[i].Rpi, Convert.ToHexStringLower(MemoryMarshal.AsBytes(rpis.AsSpan(i, 1))));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(144)]
    public void Aes_ni_identifiers_equal_platform_aes_ecb_on_random_keys(int count)
    {
        if (!AesNi128.IsSupported)
        {
            Assert.Skip("This processor lacks AES-NI.");
        }
        var random = new Random(count);
        var key = new byte[16];
        using var aes = Aes.Create();
        for (var trial = 0; trial < 20; trial++)
        {
            random.NextBytes(key);
            var first = (uint)random.Next();
            var plain = new byte[count * 16];
            for (var i = 0; i < count; i++)
            {
                KeySchedule.WritePaddedData(new(unchecked((int)((first + (uint)i) & int.MaxValue))), plain.AsSpan(i * 16, 16));
                BitConverter.TryWriteBytes(plain.AsSpan((i * 16) + 12, 4), first + (uint)i);
            }
            aes.SetKey(key);
            var expected = aes.EncryptEcb(plain, PaddingMode.None);
            var actual = new UInt128[count];
            AesNi128.EncryptIntervals(key.AsSpan().ToUInt128(), first, actual);
            Assert.Equal(expected, MemoryMarshal.AsBytes(actual.AsSpan()).ToArray());
        }
    }
}
