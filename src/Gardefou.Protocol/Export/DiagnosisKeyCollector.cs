using Gardefou.Protocol.Matching;

namespace Gardefou.Protocol.Export;

/// <summary>The sink behind <see cref="ExportFileReader.Read(Stream)"/>: every key as a <see cref="DiagnosisKey"/>, first releases and revisions apart.</summary>
internal sealed class DiagnosisKeyCollector : ExportKeySink
{
    // Not presized from the zip's declared length: that number is the sender's, and a small file could claim 64 MiB.
    public List<DiagnosisKey> Keys { get; } = [];

    public List<DiagnosisKey> RevisedKeys { get; } = [];

    protected override void OnChunk(int firstIndex, ReadOnlySpan<MatchKey> keys, ReadOnlySpan<ExportKeyMetadata> metadata)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var m = metadata[i];
            var key = new DiagnosisKey(keys[i].Key, keys[i].Validity, m.TransmissionRiskLevel, m.ReportType, m.DaysSinceOnsetOfSymptoms);
            (m.Revised ? RevisedKeys : Keys).Add(key);
        }
    }
}
