using System.Numerics;
using Gardefou.Device.Radio;

namespace Gardefou.Device.Emulation;

/// <summary>
/// Two emulated phones spending time near each other. Every <see cref="ScanPeriod"/> each phone rotates its
/// advertisement when due, then scans for <see cref="ScanDuration"/> through a shared <see cref="SimulatedAir"/>
/// and records what it heard, exactly as the library does on a real phone.
/// </summary>
public static class Encounter
{
    /// <summary>Time between scans (GAEN scans about every 5 minutes).</summary>
    public static readonly TimeSpan ScanPeriod = TimeSpan.FromMinutes(5);

    /// <summary>Length of one scan (GAEN: about 4 seconds).</summary>
    public static readonly TimeSpan ScanDuration = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Runs the encounter. Both phones must have been opened on <paramref name="clock"/>; the clock is moved through
    /// the encounter and left at its end.
    /// </summary>
    /// <returns>The number of scan instances recorded by each phone.</returns>
    public static async Task<(int HeardByA, int HeardByB)> RunAsync(
        Phone a, Phone b, SimulatedClock clock, DateTimeOffset start, TimeSpan duration, double distanceMetres,
        Carriage carriage, Random random, PathLossModel? model = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(distanceMetres);
        if (double.IsNaN(distanceMetres) || double.IsInfinity(distanceMetres))
        {
            throw new ArgumentOutOfRangeException(nameof(distanceMetres));
        }

        clock.Set(start);
        var air = new SimulatedAir(random, model);
        var radioA = air.AddRadio(await a.GetRadioProfileAsync(ct), carriage, Vector2.Zero);
        var radioB = air.AddRadio(await b.GetRadioProfileAsync(ct), carriage, new Vector2((float)distanceMetres, 0));
        var end = start + duration;
        int heardByA = 0, heardByB = 0;
        for (var t = start; t < end; t += ScanPeriod)
        {
            clock.Set(t);
            var seconds = (int)Math.Min(ScanPeriod.TotalSeconds, (end - t).TotalSeconds);
            await a.AdvertiseAsync(radioA, ct);
            await b.AdvertiseAsync(radioB, ct);
            heardByA += await a.ScanAsync(radioA, ScanDuration, seconds, ct);
            heardByB += await b.ScanAsync(radioB, ScanDuration, seconds, ct);
        }
        clock.Set(end);
        return (heardByA, heardByB);
    }
}
