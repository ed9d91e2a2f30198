using System.Numerics;

namespace Gardefou.Device.Radio;

/// <summary>
/// A shared simulated space in which <see cref="SimulatedRadio"/>s hear each other. Positions are in metres; the
/// caller moves radios and advances time (through the phones' clocks); signal strengths follow
/// <see cref="PathLossModel"/> with randomness drawn from the seeded generator given here, so a simulation with the
/// same seed hears exactly the same things.
/// </summary>
public sealed class SimulatedAir
{
    /// <summary>Time between two advertisements of one phone (GAEN advertises every 200 to 270 ms).</summary>
    public static readonly TimeSpan AdvertisingInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Fraction of advertisements lost to collisions and scan-window gaps even when strong enough.</summary>
    public const double PacketLoss = 0.1;

    private readonly List<SimulatedRadio> _radios = [];
    private readonly Random _random;

    /// <summary>Creates an empty air.</summary>
    public SimulatedAir(Random random, PathLossModel? model = null)
    {
        _random = random ?? throw new ArgumentNullException(nameof(random));
        Model = model ?? PathLossModel.Default;
    }

    /// <summary>The attenuation model.</summary>
    public PathLossModel Model { get; }

    /// <summary>Adds a phone's radio at <paramref name="position"/>.</summary>
    public SimulatedRadio AddRadio(DeviceProfile profile, Carriage carriage, Vector2 position)
    {
        var radio = new SimulatedRadio(this, profile, position);
        radio.Carriage = carriage;
        _radios.Add(radio);
        return radio;
    }

    /// <summary>Draws whether a phone carried this way has its carrier's body in the way (fixed for an encounter).</summary>
    internal bool DrawBodyInTheWay(Carriage carriage) =>
        carriage != Carriage.Hand && _random.NextDouble() < Model.BodyShadowingProbability;

    internal IReadOnlyList<RadioReception> Listen(SimulatedRadio receiver, TimeSpan duration)
    {
        var packets = (int)(duration / AdvertisingInterval);
        var heard = new List<RadioReception>();
        foreach (var sender in _radios)
        {
            if (ReferenceEquals(sender, receiver) || sender.Current is not { } advertisement)
            {
                continue;
            }
            var distance = Vector2.Distance(sender.Position, receiver.Position);
            var bodies = (sender.BodyInTheWay ? 1 : 0) + (receiver.BodyInTheWay ? 1 : 0);
            var mean = Model.MeanRssiDbm(distance, sender.Profile, sender.Carriage, receiver.Profile, receiver.Carriage, bodies);
            var slow = Model.ShadowingSigmaDb * Gaussian.Next(_random);
            for (var i = 0; i < packets; i++)
            {
                var rssi = mean + slow + (Model.FastFadingSigmaDb * Gaussian.Next(_random));
                if (_random.NextDouble() < PacketLoss || rssi < Model.SensitivityDbm)
                {
                    continue;
                }
                heard.Add(new RadioReception(advertisement.Address, advertisement.Rpi, advertisement.Aem, (int)Math.Round(rssi)));
            }
        }
        return heard;
    }
}
