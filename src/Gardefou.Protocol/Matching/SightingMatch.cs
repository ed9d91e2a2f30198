using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Matching;

/// <summary>A sighting that belongs to a diagnosis key.</summary>
/// <param name="KeyIndex">Index of the key in the span given to the matcher.</param>
/// <param name="SightingIndex">Index of the sighting in the span the <see cref="SightingIndex"/> was built from.</param>
/// <param name="RpiInterval">The interval the matched identifier was generated for (not when it was heard).</param>
public readonly record struct SightingMatch(int KeyIndex, int SightingIndex, EnIntervalNumber RpiInterval);
