using Gardefou.Protocol.Risk;
using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Radio;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Tests.Radio;

public sealed class RadioChannelTests
{
    private static readonly RadioParameters s_radio = new();
    private static readonly ExposureScoring s_scoring = new(RiskConfiguration.Default, s_radio.SecondsBetweenScans);

    // Share of 30-minute contacts at the given distance that reach the daily threshold.
    private static double DetectionRate(Setting setting, double metres)
    {
        Span<byte> scans = stackalloc byte[RadioChannel.MaxScans];
        var detected = 0;
        const int trials = 4000;
        for (var k = 0; k < trials; k++)
        {
            var key = Hash.Of(99, (ulong)setting, (ulong)(metres * 100), (ulong)k);
            var n = RadioChannel.Scan(key, setting, new ContactShape(30, metres), 0, 0, s_radio, scans);
            detected += s_scoring.WeightedSeconds(scans[..n]) >= RiskConfiguration.Default.DailyScoreThreshold ? 1 : 0;
        }
        return detected / (double)trials;
    }

    [Fact]
    public void Indoors_detection_falls_with_distance()
    {
        var close = DetectionRate(Setting.Work, 1.0);
        var far = DetectionRate(Setting.Work, 4.0);
        Assert.True(close > far + 0.2, $"1 m: {close:P0}, 4 m: {far:P0}");
    }

    [Fact]
    public void In_a_vehicle_detection_does_not_depend_on_distance_as_in_the_Dublin_tram()
    {
        var close = DetectionRate(Setting.Transport, 1.0);
        var far = DetectionRate(Setting.Transport, 4.0);
        Assert.InRange(close - far, -0.05, 0.05);
        Assert.InRange(close, 0.05, 0.95);
    }

    [Fact]
    public void Same_pair_key_hears_the_same_scans()
    {
        Span<byte> a = stackalloc byte[RadioChannel.MaxScans];
        Span<byte> b = stackalloc byte[RadioChannel.MaxScans];
        var shape = new ContactShape(45, 1.5);
        var n = RadioChannel.Scan(1234, Setting.Random, shape, 3, -2, s_radio, a);
        Assert.Equal(n, RadioChannel.Scan(1234, Setting.Random, shape, 3, -2, s_radio, b));
        Assert.True(a[..n].SequenceEqual(b[..n]));
        Assert.Equal(9, n);
    }
}
