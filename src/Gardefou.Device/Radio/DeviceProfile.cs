namespace Gardefou.Device.Radio;

/// <summary>
/// A handset's radio characteristics. Phones differ: the transmit power they advertise is not exactly what they emit,
/// and their receivers read the same field a few dB apart even after the platform's calibration correction.
/// </summary>
/// <param name="AdvertisedTxPowerDbm">Transmit power written into the (encrypted) metadata, in dBm.</param>
/// <param name="TxOffsetDb">Actual emitted power minus the advertised power, in dB.</param>
/// <param name="RxOffsetDb">Receiver error left after calibration (added to every calibrated RSSI), in dB.</param>
public sealed record DeviceProfile(sbyte AdvertisedTxPowerDbm, double TxOffsetDb, double RxOffsetDb)
{
    /// <summary>A nominal handset: advertises -8 dBm, emits it, reads without error.</summary>
    public static DeviceProfile Nominal { get; } = new(-8, 0, 0);

    /// <summary>
    /// A handset drawn from the spread seen across models: transmit offset and receive error normal with standard
    /// deviation 3 dB each (Leith and Farrell report handset-pair differences of this order, up to ±10 dB).
    /// </summary>
    public static DeviceProfile Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new DeviceProfile(-8, 3 * Gaussian.Next(random), 3 * Gaussian.Next(random));
    }
}
