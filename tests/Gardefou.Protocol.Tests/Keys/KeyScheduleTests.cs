using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Tests.Vectors;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Tests.Keys;

public class KeyScheduleTests
{
    private static readonly GaenVectors s_vectors = GaenVectors.Load();

    [Fact]
    public void Vector_file_holds_all_144_intervals() => Assert.Equal(144, s_vectors.Intervals.Count);

    [Fact]
    public void Rpik_and_aemk_match_the_published_vectors()
    {
        var tek = TemporaryExposureKey.FromHex(s_vectors.Tek);
        Assert.Equal(s_vectors.Rpik, KeySchedule.DeriveRpik(tek).ToHex());
        Assert.Equal(s_vectors.Aemk, KeySchedule.DeriveAemk(tek).ToHex());
    }

    [Theory]
    [MemberData(nameof(GaenVectors.IntervalIndexes), MemberType = typeof(GaenVectors))]
    public void Rpi_and_aem_match_the_published_vector(int index)
    {
        var (interval, expectedRpi, expectedAem) = s_vectors.Intervals[index];
        var tek = TemporaryExposureKey.FromHex(s_vectors.Tek);
        var metadata = BluetoothMetadata.FromBytes(Convert.FromHexString(s_vectors.Metadata));

        var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(tek), new EnIntervalNumber(interval));
        var aem = KeySchedule.EncryptMetadata(KeySchedule.DeriveAemk(tek), rpi, metadata);

        Assert.Equal(expectedRpi, rpi.ToHex());
        Assert.Equal(expectedAem, aem.ToHex());
        Assert.Equal(metadata, KeySchedule.DecryptMetadata(KeySchedule.DeriveAemk(tek), rpi, aem));
    }

    [Fact]
    public void Batch_rpis_equal_one_at_a_time_rpis()
    {
        var rpik = KeySchedule.DeriveRpik(TemporaryExposureKey.FromHex(s_vectors.Tek));
        var batch = new RollingProximityIdentifier[KeySchedule.IdentifiersPerKey];
        KeySchedule.ComputeRpis(rpik, new EnIntervalNumber(s_vectors.FirstInterval), batch);
        for (var i = 0; i < batch.Length; i++)
        {
            Assert.Equal(s_vectors.Intervals[i].Rpi, batch[i].ToHex());
        }
    }

    [Fact]
    public void Key_generation_time_maps_to_the_vector_interval()
    {
        var interval = EnIntervalNumber.FromTime(DateTimeOffset.FromUnixTimeSeconds(1585785600));
        Assert.Equal(s_vectors.FirstInterval, interval.Value);
        Assert.True(interval.IsDayAligned);
    }

    [Fact]
    public void Generated_keys_differ_and_never_print_their_bytes()
    {
        var a = TemporaryExposureKey.Generate();
        var b = TemporaryExposureKey.Generate();
        Assert.NotEqual(a, b);
        Assert.DoesNotContain(a.ToHex(), a.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Keys_of_the_wrong_size_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => TemporaryExposureKey.FromBytes(new byte[15]));
        Assert.False(TemporaryExposureKey.TryFromBase64(Convert.ToBase64String(new byte[17]), out _));
        Assert.False(TemporaryExposureKey.TryFromBase64("not base64!", out _));
    }
}
