using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Matching;

/// <summary>One identifier a phone heard, and when, by its own clock.</summary>
/// <param name="Rpi">The Rolling Proximity Identifier received.</param>
/// <param name="HeardAt">The interval in which the phone heard it.</param>
/// <param name="Tag">Free for the caller (a row id, a scan-instance number); the matcher only carries it.</param>
public readonly record struct Sighting(RollingProximityIdentifier Rpi, EnIntervalNumber HeardAt, int Tag = 0);
