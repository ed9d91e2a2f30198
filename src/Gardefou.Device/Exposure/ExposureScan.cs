namespace Gardefou.Device.Exposure;

/// <summary>One matched scan instance, with attenuations known now that the sender's transmit power is.</summary>
internal readonly record struct ExposureScan(int TypicalAttenuation, int MinimumAttenuation, int SecondsSinceLastScan);
