using Gardefou.Protocol.Keys;

namespace Gardefou.Keys.Features.Publish;

/// <summary>A key listed in a revision token, with the validity it was first published with.</summary>
public readonly record struct RevisableKey(TemporaryExposureKey Key, int RollingStart, int RollingPeriod);
