using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gardefou.Protocol.Matching;

/// <summary>The 144 identifiers of one key, as the vectorized matcher produces them.</summary>
[InlineArray(144)]
internal struct KeyIdentifiers
{
    private Vector128<byte> _element;
}
