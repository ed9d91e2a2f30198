using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gardefou.Protocol.Crypto;

/// <summary>The eleven round keys of AES-128.</summary>
[InlineArray(11)]
internal struct AesRoundKeys
{
    private Vector128<byte> _element;
}
