using System.Numerics;
using Gardefou.Device.Broadcast;

namespace Gardefou.Device.Radio;

/// <summary>A phone's radio in a <see cref="SimulatedAir"/>: a position, a way of being carried and a handset profile.</summary>
public sealed class SimulatedRadio : IRadio
{
    private readonly SimulatedAir _air;
    private Carriage _carriage;

    internal SimulatedRadio(SimulatedAir air, DeviceProfile profile, Vector2 position)
    {
        _air = air;
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        Position = position;
    }

    /// <summary>The handset's radio characteristics.</summary>
    public DeviceProfile Profile { get; }

    /// <summary>Where the phone is, in metres.</summary>
    public Vector2 Position { get; set; }

    /// <summary>How the phone is carried; setting it starts a new encounter for body shadowing.</summary>
    public Carriage Carriage
    {
        get => _carriage;
        set
        {
            _carriage = value;
            BodyInTheWay = _air.DrawBodyInTheWay(value);
        }
    }

    /// <summary>Whether the carrier's body shadows this phone during the current encounter.</summary>
    public bool BodyInTheWay { get; private set; }

    /// <summary>What the radio currently advertises, if anything.</summary>
    public Advertisement? Current { get; private set; }

    /// <inheritdoc />
    public void Advertise(Advertisement advertisement) => Current = advertisement ?? throw new ArgumentNullException(nameof(advertisement));

    /// <inheritdoc />
    public void StopAdvertising() => Current = null;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RadioReception>> ScanAsync(TimeSpan duration, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_air.Listen(this, duration));
    }
}
