using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>Duration and distance of one contact, drawn from its pair key so both ends agree.</summary>
/// <param name="Minutes">Time spent together.</param>
/// <param name="Metres">Typical distance.</param>
public readonly record struct ContactShape(double Minutes, double Metres)
{
    /// <summary>Draws the shape of a contact in <paramref name="setting"/>.</summary>
    public static ContactShape Of(ulong pairKey, Setting setting, ContactParameters parameters)
    {
        var rng = new RandomStream(Hash.Of(pairKey, (ulong)Purpose.ContactShape));
        var index = setting == Setting.LeftBehindPhone ? (int)Setting.Work : (int)setting;
        var minutes = parameters.MedianMinutes[index] * Math.Exp(parameters.DurationSdLog * rng.NextNormal());
        var metres = parameters.MedianMetres[index] * Math.Exp(parameters.DistanceSdLog * rng.NextNormal());
        return new ContactShape(Math.Clamp(minutes, 1, 720), Math.Clamp(metres, 0.2, 15));
    }

    /// <summary>Exposure relative to 1 hour at 1 m: proportional to time, falling with distance (droplets and aerosols).</summary>
    public double Exposure => Minutes / 60.0 / (1.0 + Metres * Metres / 4.0) * 1.25;

    /// <summary>Ground truth: an epidemiologically close contact (≤ 2 m for ≥ 15 min).</summary>
    public bool IsClose(RadioParameters radio) => Metres <= radio.CloseContactMetres && Minutes >= radio.CloseContactMinutes;
}
