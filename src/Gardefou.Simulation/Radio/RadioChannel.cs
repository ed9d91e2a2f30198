using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Radio;

/// <summary>
/// What one phone hears of another during a contact: one attenuation per scan (GAEN "scan instances"),
/// in dB as GAEN reports it (transmit power − calibrated RSSI). Log-distance path loss with per-contact
/// shadowing and per-scan fading; carry losses of both phones; residual handset calibration errors; in
/// vehicles the level does not depend on distance (Leith &amp; Farrell: no better than random).
/// </summary>
public static class RadioChannel
{
    /// <summary>Maximum scans produced for one contact (12 hours at 5-minute scans).</summary>
    public const int MaxScans = 144;

    /// <summary>
    /// Fills <paramref name="attenuations"/> with one value per scan that heard the other phone (0 = missed) and
    /// returns the number of scans. Deterministic for a given pair key.
    /// </summary>
    public static int Scan(ulong pairKey, Setting setting, ContactShape shape, int offsetA, int offsetB, RadioParameters radio, Span<byte> attenuations)
    {
        var rng = new RandomStream(Hash.Of(pairKey, (ulong)Purpose.Radio));
        var carryA = rng.NextFromCumulative(Cumulative(radio.CarryShare, stackalloc double[4]));
        var carryB = rng.NextFromCumulative(Cumulative(radio.CarryShare, stackalloc double[4]));
        double mean;
        if (setting == Setting.Transport)
        {
            mean = radio.VehicleMeanDb + radio.VehicleSdDb * rng.NextNormal();
        }
        else
        {
            mean = radio.AttenuationAt1MetreDb + 10 * radio.PathLossExponent * Math.Log10(Math.Max(shape.Metres, 0.1))
                + radio.ShadowingSdDb * rng.NextNormal();
        }
        // A left-behind phone hangs in a coat on a hook: one body less between the phones, but a coat around it.
        var carryLoss = setting == Setting.LeftBehindPhone
            ? radio.CarryLossDb[3] + radio.CarryLossDb[carryB]
            : radio.CarryLossDb[carryA] + radio.CarryLossDb[carryB];
        mean += carryLoss + offsetA - offsetB;
        var scans = Math.Clamp((int)Math.Round(shape.Minutes * 60 / radio.SecondsBetweenScans), 1, Math.Min(MaxScans, attenuations.Length));
        for (var s = 0; s < scans; s++)
        {
            if (rng.NextDouble() < radio.ScanLossProbability)
            {
                attenuations[s] = 0;
                continue;
            }
            var value = mean + radio.FadingSdDb * rng.NextNormal();
            attenuations[s] = (byte)Math.Clamp(Math.Round(value), 1, 255);
        }
        return scans;
    }

    private static Span<double> Cumulative(IReadOnlyList<double> weights, Span<double> into)
    {
        var sum = 0.0;
        for (var i = 0; i < into.Length; i++)
        {
            sum += weights[i];
            into[i] = sum;
        }
        return into;
    }
}
