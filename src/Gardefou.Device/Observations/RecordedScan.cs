using Gardefou.Device.Radio;

namespace Gardefou.Device.Observations;

/// <summary>One scan as the radio delivered it: when, the duration it stands for, and what was heard.</summary>
public sealed record RecordedScan(DateTimeOffset Time, int SecondsSinceLastScan, IReadOnlyList<RadioReception> Receptions);
