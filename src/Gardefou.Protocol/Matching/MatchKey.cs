using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Matching;

/// <summary>A published diagnosis key as the matcher consumes it: the key and the window in which it was used.</summary>
/// <param name="Key">The Temporary Exposure Key downloaded from an export file.</param>
/// <param name="Validity">Its rolling start and rolling period.</param>
public readonly record struct MatchKey(TemporaryExposureKey Key, KeyValidity Validity);
