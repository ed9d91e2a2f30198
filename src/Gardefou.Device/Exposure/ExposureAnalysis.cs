using System.Security.Cryptography;
using Gardefou.Device.Observations;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Risk;

namespace Gardefou.Device.Exposure;

/// <summary>
/// From downloaded diagnosis keys and the phone's observations to the days at risk: match with the protocol's
/// matcher (which applies the ±2 h replay window), turn each matched scan into a scan instance with attenuations
/// (transmit power from the now decryptable metadata minus the calibrated RSSI), group scan instances into one
/// exposure window per key, UTC day and 30 minutes, and let the GAEN v2 risk model decide which days notify.
/// </summary>
/// <remarks>
/// The sighting index is built once per check and serves every file of it. Each file's keys are matched chunk by chunk
/// while the file is read and hashed, and only the few keys that matched are kept; their matches are scored once the
/// signature has verified, and dropped with the file otherwise.
/// </remarks>
internal sealed partial class ExposureAnalysis
{
    private readonly ObservationSet _observations;
    private readonly SightingIndex _index;
    private readonly RiskScorer _risk;

    public ExposureAnalysis(ObservationSet observations, RiskScorer risk)
    {
        _risk = risk;
        _observations = observations;
        _index = new SightingIndex(observations.Sightings);
    }

    /// <summary>
    /// Reads, verifies and matches one export zip; throws <see cref="ExportFormatException"/> when it is malformed or
    /// not signed by <paramref name="publicKey"/>.
    /// </summary>
    public IReadOnlyList<DateOnly> DaysAtRisk(Stream zip, ECDsa publicKey)
    {
        var sink = new MatchingSink(_index);
        var file = ExportFileReader.ReadKeys(zip, sink);
        if (!ExportSignatureVerifier.Verify(file, publicKey))
        {
            throw new ExportFormatException("The export file is not signed by the pinned key.");
        }
        return Score(sink.Matches, sink.MatchedKeys);
    }

    /// <summary>Matches each chunk as it is read, keeping the matches and the metadata of the keys that matched.</summary>
    private sealed class MatchingSink(SightingIndex index) : ExportKeySink
    {
        public List<SightingMatch> Matches { get; } = [];

        public Dictionary<int, MatchedKey> MatchedKeys { get; } = [];

        protected override void OnChunk(int firstIndex, ReadOnlySpan<MatchKey> keys, ReadOnlySpan<ExportKeyMetadata> metadata)
        {
            if (index.Count == 0)
            {
                return;
            }
            var before = Matches.Count;
            ExposureMatcher.Match(keys, index, Matches);
            for (var m = before; m < Matches.Count; m++)
            {
                var match = Matches[m];
                var inChunk = match.KeyIndex;
                var keyIndex = firstIndex + inChunk;
                Matches[m] = match with { KeyIndex = keyIndex };
                MatchedKeys.TryAdd(keyIndex, new MatchedKey(keys[inChunk].Key, metadata[inChunk]));
            }
        }
    }

    /// <summary>A key that matched, with what scoring needs of it.</summary>
    private readonly record struct MatchedKey(TemporaryExposureKey Key, ExportKeyMetadata Metadata)
    {
        public ReportType? ReportType => Metadata.ReportType;

        public int? DaysSinceOnset => Metadata.DaysSinceOnsetOfSymptoms;
    }
}
