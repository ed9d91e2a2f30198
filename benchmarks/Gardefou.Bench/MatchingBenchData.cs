using System.Security.Cryptography;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;

namespace Gardefou.Bench;

/// <summary>
/// The data of <c>gardefou bench matching</c>: random diagnosis keys spread over 14 days, and a phone's sightings
/// made of random identifiers plus identifiers planted from some of the keys (computed with the simple key schedule,
/// never with the code under test), each heard in its own interval.
/// </summary>
internal sealed class MatchingBenchData
{
    /// <summary>2026-11-14T00:00Z: the first day of the fortnight the keys cover.</summary>
    private const int FirstDay = 2963232;

    private MatchingBenchData(MatchKey[] keys, Sighting[] sightings, HashSet<SightingMatch> planted)
    {
        Keys = keys;
        Sightings = sightings;
        Planted = planted;
    }

    public MatchKey[] Keys { get; }

    public Sighting[] Sightings { get; }

    /// <summary>Exactly the matches a correct matcher must report.</summary>
    public HashSet<SightingMatch> Planted { get; }

    public static MatchingBenchData Create(int keyCount, int observedCount, int plantedCount, int seed)
    {
        var random = new Random(seed);
        Span<byte> bytes = stackalloc byte[16];
        var keys = new MatchKey[keyCount];
        for (var k = 0; k < keyCount; k++)
        {
            random.NextBytes(bytes);
            var start = new EnIntervalNumber(FirstDay + (random.Next(14) * EnIntervalNumber.IntervalsPerDay));
            keys[k] = new MatchKey(TemporaryExposureKey.FromBytes(bytes), new KeyValidity(start, EnIntervalNumber.IntervalsPerDay));
        }

        var sightings = new Sighting[observedCount];
        for (var s = 0; s < observedCount; s++)
        {
            random.NextBytes(bytes);
            var heard = new EnIntervalNumber(FirstDay + random.Next(14 * EnIntervalNumber.IntervalsPerDay));
            sightings[s] = new Sighting(RollingProximityIdentifier.FromBytes(bytes), heard, s);
        }

        // Planted keys are spread evenly, so any prefix of the keys (the naive baseline's subset) holds its share.
        var planted = new HashSet<SightingMatch>();
        var step = keyCount / plantedCount;
        for (var p = 0; p < plantedCount; p++)
        {
            var k = p * step;
            var s = random.Next(observedCount);
            while (sightings[s].Tag < 0)
            {
                s = random.Next(observedCount);
            }
            var interval = keys[k].Validity.RollingStart + random.Next(KeySchedule.IdentifiersPerKey);
            var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(keys[k].Key), interval);
            sightings[s] = new Sighting(rpi, interval, -1);
            planted.Add(new SightingMatch(k, s, interval));
        }
        return new MatchingBenchData(keys, sightings, planted);
    }

    /// <summary>
    /// The naive matcher the figures are compared with: per key one <see cref="HKDF.DeriveKey(HashAlgorithmName, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>,
    /// one <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, Span{byte}, PaddingMode)"/> call per block
    /// and a <see cref="HashSet{T}"/> lookup per identifier; the window rule only for identifiers found.
    /// </summary>
    public List<SightingMatch> MatchNaive(int keyCount, Action<int> progress)
    {
        var heard = new HashSet<UInt128>();
        var byRpi = new Dictionary<UInt128, List<int>>();
        Span<byte> rpiBytes = stackalloc byte[16];
        for (var s = 0; s < Sightings.Length; s++)
        {
            Sightings[s].Rpi.CopyTo(rpiBytes);
            var value = BitConverter.ToUInt128(rpiBytes);
            heard.Add(value);
            if (!byRpi.TryGetValue(value, out var list))
            {
                byRpi[value] = list = [];
            }
            list.Add(s);
        }

        var matches = new List<SightingMatch>();
        Span<byte> rpik = stackalloc byte[16];
        Span<byte> plain = stackalloc byte[16];
        using var aes = Aes.Create();
        for (var k = 0; k < keyCount; k++)
        {
            var key = Keys[k];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key.Bytes, rpik, [], "EN-RPIK"u8);
            aes.SetKey(rpik);
            for (var i = 0; i < KeySchedule.IdentifiersPerKey; i++)
            {
                var interval = key.Validity.RollingStart + i;
                KeySchedule.WritePaddedData(interval, plain);
                aes.EncryptEcb(plain, rpiBytes, PaddingMode.None);
                var value = BitConverter.ToUInt128(rpiBytes);
                if (!heard.Contains(value))
                {
                    continue;
                }
                foreach (var s in byRpi[value])
                {
                    if (MatchWindow.Accepts(key.Validity, interval, Sightings[s].HeardAt))
                    {
                        matches.Add(new SightingMatch(k, s, interval));
                    }
                }
            }
            if ((k & 255) == 255)
            {
                progress(k + 1);
            }
        }
        return matches;
    }
}
