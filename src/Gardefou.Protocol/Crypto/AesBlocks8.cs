using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gardefou.Protocol.Crypto;

/// <summary>Eight AES blocks: what <see cref="AesNi128.EncryptIntervals8"/> keeps in flight.</summary>
[InlineArray(8)]
internal struct AesBlocks8
{
    private Vector128<byte> _element;
}
