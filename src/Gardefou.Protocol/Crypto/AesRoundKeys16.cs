using System.Runtime.CompilerServices;

namespace Gardefou.Protocol.Crypto;

/// <summary>The key schedules of a batch of sixteen keys, expanded together so their latency chains overlap.</summary>
[InlineArray(16)]
internal struct AesRoundKeys16
{
    private AesRoundKeys _element;
}
