using System.Numerics;
using Gardefou.Device.Broadcast;
using Gardefou.Device.Radio;
using Gardefou.Protocol.Keys;

namespace Gardefou.Device.Tests.Radio;

public sealed class SimulatedAirTests
{
    private static readonly Advertisement s_ad = new(
        new RadioAddress(0x1234),
        RollingProximityIdentifier.FromHex("8be6cd371c5c891604bfbe49df845096"),
        AssociatedEncryptedMetadata.FromHex("72033874"));

    [Fact]
    public void Mean_loss_follows_the_documented_log_distance_model()
    {
        var model = PathLossModel.Default;
        Assert.Equal(40.0, model.DistanceLossDb(1.0), 6);
        Assert.Equal(60.0, model.DistanceLossDb(10.0), 6);
        var open = model.MeanRssiDbm(2, DeviceProfile.Nominal, Carriage.Hand, DeviceProfile.Nominal, Carriage.Hand, 0);
        var pockets = model.MeanRssiDbm(2, DeviceProfile.Nominal, Carriage.Pocket, DeviceProfile.Nominal, Carriage.Pocket, 1);
        Assert.Equal(-8 - 40 - (20 * Math.Log10(2)), open, 6);
        Assert.Equal(open - 7 - 7 - 10, pockets, 6);
        var offsets = model.MeanRssiDbm(2, new DeviceProfile(-8, 3, 0), Carriage.Hand, new DeviceProfile(-8, 0, -2), Carriage.Hand, 0);
        Assert.Equal(open + 1, offsets, 6);
    }

    [Fact]
    public async Task Phones_hear_each_other_weaker_with_distance_and_not_at_all_far_away()
    {
        var ct = TestContext.Current.CancellationToken;
        double MeanRssi(double distance)
        {
            var air = new SimulatedAir(new Random(7));
            var sender = air.AddRadio(DeviceProfile.Nominal, Carriage.Hand, Vector2.Zero);
            var receiver = air.AddRadio(DeviceProfile.Nominal, Carriage.Hand, new Vector2((float)distance, 0));
            sender.Advertise(s_ad);
            var all = new List<int>();
            for (var i = 0; i < 50; i++)
            {
                all.AddRange(receiver.ScanAsync(TimeSpan.FromSeconds(4), ct).AsTask().Result.Select(r => r.RssiDbm));
            }
            return all.Count == 0 ? double.NegativeInfinity : all.Average();
        }

        var near = MeanRssi(1);
        var mid = MeanRssi(5);
        Assert.InRange(near, -52, -44);
        Assert.True(mid < near - 10, $"{mid} vs {near}");
        Assert.Equal(double.NegativeInfinity, MeanRssi(5000));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Same_seed_hears_the_same_thing_and_the_listener_does_not_hear_itself()
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<IReadOnlyList<RadioReception>> Run(int seed)
        {
            var air = new SimulatedAir(new Random(seed));
            var a = air.AddRadio(DeviceProfile.Nominal, Carriage.Pocket, Vector2.Zero);
            var b = air.AddRadio(DeviceProfile.Nominal, Carriage.Coat, new Vector2(1.5f, 0));
            a.Advertise(s_ad);
            b.Advertise(s_ad with { Address = new RadioAddress(0x9999) });
            return await a.ScanAsync(TimeSpan.FromSeconds(4), ct);
        }

        var first = await Run(3);
        Assert.Equal(first, await Run(3));
        Assert.NotEqual(first, await Run(4));
        Assert.All(first, r => Assert.Equal(new RadioAddress(0x9999), r.Address));
        Assert.InRange(first.Count, 8, 16); // 16 advertisements in 4 s, 10% lost
    }
}
