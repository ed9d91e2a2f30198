namespace Gardefou.Device.Emulation;

/// <summary>
/// A clock the emulator sets by hand, so an emulated phone behaves as if it had been running at a past moment
/// (an encounter "two days ago"). Only instants matter to the library; timers are not used.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private DateTimeOffset _now;

    /// <summary>Creates a clock showing <paramref name="start"/>.</summary>
    public SimulatedClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="time"/> (forwards or backwards).</summary>
    public void Set(DateTimeOffset time) => _now = time.ToUniversalTime();

    /// <summary>Moves the clock forwards.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        _now += delta;
    }
}
