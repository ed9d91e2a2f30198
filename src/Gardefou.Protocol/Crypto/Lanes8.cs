using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gardefou.Protocol.Crypto;

/// <summary>Eight words of sixteen lanes: a SHA-256 state, or a digest.</summary>
[InlineArray(8)]
internal struct Lanes8
{
    private Vector512<uint> _element;
}
