namespace Gardefou.Device.Radio;

/// <summary>
/// A Bluetooth LE non-resolvable private address: 46 random bits with the two most significant bits cleared.
/// A new one is drawn at every rotation, together with the identifier, so that no address bridges two identifiers.
/// </summary>
public readonly record struct RadioAddress(ulong Value)
{
    /// <summary>A fresh random non-resolvable private address.</summary>
    public static RadioAddress Random(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        var value = BitConverter.ToUInt64(bytes) & 0x0000_3FFF_FFFF_FFFFUL;
        // All-zero and all-one random parts are forbidden by the Core specification (Vol 6, Part B, 1.3.2.2).
        if (value == 0 || value == 0x0000_3FFF_FFFF_FFFFUL)
        {
            value = 0x0000_1234_5678_9ABCUL;
        }
        return new RadioAddress(value);
    }

    public override string ToString()
    {
        var v = Value;
        return string.Create(17, v, static (span, value) =>
        {
            for (var i = 0; i < 6; i++)
            {
                var b = (byte)(value >> (8 * (5 - i)));
                b.TryFormat(span[(i * 3)..], out _, "X2", System.Globalization.CultureInfo.InvariantCulture);
                if (i < 5)
                {
                    span[(i * 3) + 2] = ':';
                }
            }
        });
    }
}
