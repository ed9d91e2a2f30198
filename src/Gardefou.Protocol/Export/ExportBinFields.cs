namespace Gardefou.Protocol.Export;

/// <summary>The fields of <c>export.bin</c> other than its keys, as <see cref="ExportBinParser"/> found them (raw, then checked).</summary>
internal sealed class ExportBinFields
{
    public ulong Start;
    public ulong End;
    public string Region = "";
    public int BatchNum;
    public int BatchSize;
    public List<SignatureInfo> SignatureInfos = [];
    public int KeyCount;
    public int RevisedKeyCount;

    public DateTimeOffset StartTimestamp => DateTimeOffset.FromUnixTimeSeconds((long)Start);

    public DateTimeOffset EndTimestamp => DateTimeOffset.FromUnixTimeSeconds((long)End);
}
