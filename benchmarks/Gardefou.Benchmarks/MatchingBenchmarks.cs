using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;

namespace Gardefou.Benchmarks;

/// <summary>
/// The client's hot path: matching diagnosis keys against a phone's sightings. Figures are per key
/// (<see cref="BenchmarkAttribute.OperationsPerInvoke"/>); the baseline is the naive .NET approach.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private const int KeyCount = 2048;
    private const int FirstDay = 2963232;

    private MatchKey[] _keys = [];
    private SightingIndex _index = new([]);
    private HashSet<UInt128> _heard = [];
    private readonly List<SightingMatch> _matches = new(64);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var bytes = new byte[16];
        _keys = new MatchKey[KeyCount];
        for (var k = 0; k < KeyCount; k++)
        {
            random.NextBytes(bytes);
            _keys[k] = new MatchKey(TemporaryExposureKey.FromBytes(bytes), new KeyValidity(new EnIntervalNumber(FirstDay + (144 * random.Next(14))), 144));
        }
        var sightings = new Sighting[20_000];
        for (var s = 0; s < sightings.Length; s++)
        {
            random.NextBytes(bytes);
            sightings[s] = new Sighting(RollingProximityIdentifier.FromBytes(bytes), new EnIntervalNumber(FirstDay + random.Next(2016)), s);
        }
        _index = new SightingIndex(sightings);
        _heard = [.. sightings.Select(s => BitConverter.ToUInt128(s.Rpi.Bytes))];
    }

    /// <summary>HKDF.DeriveKey, one Aes.EncryptEcb call per block, a HashSet lookup per identifier.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = KeyCount)]
    public int Naive()
    {
        Span<byte> rpik = stackalloc byte[16];
        Span<byte> plain = stackalloc byte[16];
        Span<byte> rpi = stackalloc byte[16];
        using var aes = Aes.Create();
        var found = 0;
        foreach (var key in _keys)
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key.Bytes, rpik, [], "EN-RPIK"u8);
            aes.SetKey(rpik);
            for (var i = 0; i < KeySchedule.IdentifiersPerKey; i++)
            {
                KeySchedule.WritePaddedData(key.Validity.RollingStart + i, plain);
                aes.EncryptEcb(plain, rpi, PaddingMode.None);
                found += _heard.Contains(BitConverter.ToUInt128(rpi)) ? 1 : 0;
            }
        }
        return found;
    }

    /// <summary>Managed HKDF with precomputed salt states, one platform AES-ECB call per key, the index's filter.</summary>
    [Benchmark(OperationsPerInvoke = KeyCount)]
    public int Portable()
    {
        _matches.Clear();
        return ExposureMatcher.Match(_keys, _index, _matches, MatcherPath.Portable);
    }

    /// <summary>16-lane AVX-512 HKDF, AES-NI with eight blocks in flight, the filter fused into the AES loop.</summary>
    [Benchmark(OperationsPerInvoke = KeyCount)]
    public int Vectorized()
    {
        _matches.Clear();
        return ExposureMatcher.Match(_keys, _index, _matches, ExposureMatcher.IsHardwareAccelerated ? MatcherPath.Vectorized : MatcherPath.Portable);
    }
}
