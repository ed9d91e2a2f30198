using System.Buffers.Binary;
using System.Security.Cryptography;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Keys;

/// <summary>
/// The GAEN v1.2 key schedule: RPIK and AEMK by HKDF-SHA256 (no salt, 16 bytes), identifiers by AES-128 over
/// the padded interval, metadata by AES-128-CTR with the identifier as counter block.
/// This is the straightforward, allocation-tolerant form used by devices and tools; the matcher has its own
/// batched implementation that must agree with this one.
/// </summary>
public static class KeySchedule
{
    /// <summary>Intervals per key: a key always yields 144 identifiers, whatever its rolling period.</summary>
    public const int IdentifiersPerKey = EnIntervalNumber.IntervalsPerDay;

    private static ReadOnlySpan<byte> RpikInfo => "EN-RPIK"u8;
    private static ReadOnlySpan<byte> AemkInfo => "EN-AEMK"u8;
    private static ReadOnlySpan<byte> RpiPrefix => "EN-RPI"u8;

    /// <summary>The Rolling Proximity Identifier Key of <paramref name="key"/>.</summary>
    public static DerivedKey DeriveRpik(TemporaryExposureKey key) => Derive(key, RpikInfo);

    /// <summary>The Associated Encrypted Metadata Key of <paramref name="key"/>.</summary>
    public static DerivedKey DeriveAemk(TemporaryExposureKey key) => Derive(key, AemkInfo);

    /// <summary>Writes PaddedData for <paramref name="interval"/>: "EN-RPI", six zero bytes, the interval little-endian.</summary>
    public static void WritePaddedData(EnIntervalNumber interval, Span<byte> destination)
    {
        RpiPrefix.CopyTo(destination);
        destination[6..12].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..16], unchecked((uint)interval.Value));
    }

    /// <summary>The identifier broadcast in <paramref name="interval"/>.</summary>
    public static RollingProximityIdentifier ComputeRpi(DerivedKey rpik, EnIntervalNumber interval)
    {
        Span<RollingProximityIdentifier> one = stackalloc RollingProximityIdentifier[1];
        ComputeRpis(rpik, interval, one);
        return one[0];
    }

    /// <summary>Identifiers for consecutive intervals from <paramref name="first"/>, one per destination slot.</summary>
    public static void ComputeRpis(DerivedKey rpik, EnIntervalNumber first, Span<RollingProximityIdentifier> destination)
    {
        var count = destination.Length;
        var plain = new byte[count * RollingProximityIdentifier.Size];
        for (var i = 0; i < count; i++)
        {
            WritePaddedData(first + i, plain.AsSpan(i * 16, 16));
        }
        using var aes = Aes.Create();
        aes.SetKey(rpik.Bytes);
        var cipher = aes.EncryptEcb(plain, PaddingMode.None);
        for (var i = 0; i < count; i++)
        {
            destination[i] = RollingProximityIdentifier.FromBytes(cipher.AsSpan(i * 16, 16));
        }
    }

    /// <summary>Encrypts (or, being CTR, decrypts) 4 bytes of metadata under <paramref name="aemk"/> with the identifier as counter.</summary>
    public static AssociatedEncryptedMetadata EncryptMetadata(DerivedKey aemk, RollingProximityIdentifier rpi, BluetoothMetadata metadata)
    {
        Span<byte> plain = stackalloc byte[BluetoothMetadata.Size];
        metadata.CopyTo(plain);
        return AssociatedEncryptedMetadata.FromBytes(ApplyKeystream(aemk, rpi, plain));
    }

    /// <summary>Recovers the metadata of an encrypted metadata value once the key is known.</summary>
    public static BluetoothMetadata DecryptMetadata(DerivedKey aemk, RollingProximityIdentifier rpi, AssociatedEncryptedMetadata aem)
    {
        Span<byte> cipher = stackalloc byte[AssociatedEncryptedMetadata.Size];
        aem.CopyTo(cipher);
        return BluetoothMetadata.FromBytes(ApplyKeystream(aemk, rpi, cipher));
    }

    // A single-block CTR keystream is AES-ECB of the counter block, so .NET's ECB suffices (it has no CTR mode).
    private static byte[] ApplyKeystream(DerivedKey aemk, RollingProximityIdentifier rpi, ReadOnlySpan<byte> data)
    {
        using var aes = Aes.Create();
        aes.SetKey(aemk.Bytes);
        var keystream = aes.EncryptEcb(rpi.Bytes, PaddingMode.None);
        var output = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            output[i] = (byte)(data[i] ^ keystream[i]);
        }
        return output;
    }

    private static DerivedKey Derive(TemporaryExposureKey key, ReadOnlySpan<byte> info)
    {
        Span<byte> output = stackalloc byte[DerivedKey.Size];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, output, salt: [], info);
        var derived = DerivedKey.FromBytes(output);
        CryptographicOperations.ZeroMemory(output);
        return derived;
    }
}
