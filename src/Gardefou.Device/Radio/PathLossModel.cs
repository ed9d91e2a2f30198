namespace Gardefou.Device.Radio;

/// <summary>
/// The attenuation model of the simulated air, at 2.4 GHz. For a link from phone A to phone B at distance d:
/// <code>
/// loss = ReferenceLossDb + 10·PathLossExponent·log10(max(d, MinimumDistance) / 1 m)    (log-distance path loss)
///      + CarriageLoss(A) + CarriageLoss(B)                                               (pocket, bag, coat)
///      + BodyShadowingDb for each carried phone whose carrier's body is in the way       (drawn once per encounter)
///      + N(0, ShadowingSigmaDb)                                                          (slow fading, once per scan)
///      + N(0, FastFadingSigmaDb)                                                         (per advertisement)
/// RSSI (calibrated, as reported by B) = advertised TX(A) + TxOffset(A) − loss + RxOffset(B)
/// </code>
/// Defaults: 40 dB at 1 m is the free-space loss at 2.44 GHz (20·log10(4π/λ), λ = 12.3 cm); exponent 2 (free
/// space; indoor body-level links measure 1.6 to 3), which puts 1 to 2 m in the hand at 40 to 46 dB, inside the
/// "near" bucket (≤ 50 dB) of the default risk configuration; shadowing σ 4 dB and body loss 10 dB are in the range reported
/// for on-body 2.4 GHz links; pocket 7 dB, bag 10 dB, coat 5 dB follow the clothing and container losses measured in
/// the Dublin bus and tram studies (Leith and Farrell 2020), which also show why distance alone predicts little.
/// Advertisements below <see cref="SensitivityDbm"/> are not heard.
/// </summary>
public sealed record PathLossModel
{
    /// <summary>The documented defaults.</summary>
    public static PathLossModel Default { get; } = new();

    /// <summary>Loss at 1 m, in dB.</summary>
    public double ReferenceLossDb { get; init; } = 40.0;

    /// <summary>Path-loss exponent n of the log-distance model.</summary>
    public double PathLossExponent { get; init; } = 2.0;

    /// <summary>Distances below this are treated as this (near field), in metres.</summary>
    public double MinimumDistance { get; init; } = 0.1;

    /// <summary>Standard deviation of slow (per scan) shadowing, in dB.</summary>
    public double ShadowingSigmaDb { get; init; } = 4.0;

    /// <summary>Standard deviation of fast (per advertisement) fading, in dB.</summary>
    public double FastFadingSigmaDb { get; init; } = 2.0;

    /// <summary>Loss when the carrier's body is between the two phones, in dB.</summary>
    public double BodyShadowingDb { get; init; } = 10.0;

    /// <summary>Probability that a carried (not in hand) phone has its carrier's body in the way during an encounter.</summary>
    public double BodyShadowingProbability { get; init; } = 0.5;

    /// <summary>Receiver sensitivity: weaker advertisements are lost, in dBm.</summary>
    public double SensitivityDbm { get; init; } = -100.0;

    /// <summary>Loss added by how a phone is carried, in dB.</summary>
    public double CarriageLossDb(Carriage carriage) => carriage switch
    {
        Carriage.Hand => 0.0,
        Carriage.Pocket => 7.0,
        Carriage.Bag => 10.0,
        Carriage.Coat => 5.0,
        _ => throw new ArgumentOutOfRangeException(nameof(carriage)),
    };

    /// <summary>Deterministic part of the loss for a distance, in dB.</summary>
    public double DistanceLossDb(double metres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(metres);
        return ReferenceLossDb + (10.0 * PathLossExponent * Math.Log10(Math.Max(metres, MinimumDistance)));
    }

    /// <summary>The mean calibrated RSSI phone B reads from phone A before random fading, in dBm.</summary>
    public double MeanRssiDbm(double metres, DeviceProfile sender, Carriage senderCarriage, DeviceProfile receiver, Carriage receiverCarriage, int bodiesInTheWay)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(receiver);
        var loss = DistanceLossDb(metres) + CarriageLossDb(senderCarriage) + CarriageLossDb(receiverCarriage) + (bodiesInTheWay * BodyShadowingDb);
        return sender.AdvertisedTxPowerDbm + sender.TxOffsetDb - loss + receiver.RxOffsetDb;
    }
}
