using Gardefou.Device.Broadcast;
using Gardefou.Device.Radio;

namespace Gardefou.Simulation.EndToEnd;

/// <summary>
/// A phone's radio in the simulated town. The phone puts its advertisement on it through
/// <see cref="Device.Phone.AdvertiseAsync"/> (so rotation, addresses, identifiers and metadata are the library's);
/// what other phones hear of it is decided by the engine's radio channel, and the listening phone stores those
/// receptions through its observation store, so <see cref="ScanAsync"/> has nothing of its own to return.
/// </summary>
internal sealed class TownRadio : IRadio
{
    /// <summary>What the phone advertises now, if anything.</summary>
    public Advertisement? Current { get; private set; }

    /// <inheritdoc />
    public void Advertise(Advertisement advertisement) => Current = advertisement ?? throw new ArgumentNullException(nameof(advertisement));

    /// <inheritdoc />
    public void StopAdvertising() => Current = null;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RadioReception>> ScanAsync(TimeSpan duration, CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyList<RadioReception>>([]);
}
