using Gardefou.Device.Broadcast;

namespace Gardefou.Device.Radio;

/// <summary>
/// The Bluetooth LE radio as the library needs it: advertise one Exposure Notification payload at a time, and scan
/// for others. A phone app implements it over the platform's Bluetooth stack; here <see cref="SimulatedRadio"/> does.
/// </summary>
public interface IRadio
{
    /// <summary>Starts advertising <paramref name="advertisement"/>, replacing whatever was advertised before.</summary>
    void Advertise(Advertisement advertisement);

    /// <summary>Stops advertising (after a sunset or a wipe).</summary>
    void StopAdvertising();

    /// <summary>Listens for <paramref name="duration"/> and returns every Exposure Notification advertisement heard.</summary>
    ValueTask<IReadOnlyList<RadioReception>> ScanAsync(TimeSpan duration, CancellationToken ct = default);
}
