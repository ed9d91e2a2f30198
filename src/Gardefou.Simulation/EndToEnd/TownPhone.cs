using Gardefou.Device;
using Gardefou.Device.Emulation;

namespace Gardefou.Simulation.EndToEnd;

/// <summary>One app user's phone: the real library over its own SQLite store, its own clock and its radio.</summary>
internal sealed class TownPhone
{
    public TownPhone(int person, Phone phone, SimulatedClock clock)
    {
        Person = person;
        Phone = phone;
        Clock = clock;
    }

    /// <summary>The agent carrying it.</summary>
    public int Person { get; }

    /// <summary>The library's phone.</summary>
    public Phone Phone { get; }

    /// <summary>Its clock, which the engine moves through the simulated days.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>Its radio.</summary>
    public TownRadio Radio { get; } = new();

    /// <summary>Exposure days the phone has already shown, so a check can tell a new notification from an old one.</summary>
    public HashSet<DateOnly> ShownDays { get; } = [];
}
