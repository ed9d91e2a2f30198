using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gardefou.Protocol.Crypto;

/// <summary>Sixteen words of sixteen lanes: one message block per lane.</summary>
[InlineArray(16)]
internal struct Lanes16
{
    private Vector512<uint> _element;
}
