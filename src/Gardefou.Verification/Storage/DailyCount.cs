namespace Gardefou.Verification.Storage;

/// <summary>Aggregate counters per realm and UTC day; nothing about any one patient.</summary>
internal sealed class DailyCount
{
    public int RealmId { get; set; }

    public DateOnly Day { get; set; }

    public int CodesIssued { get; set; }

    public int CodesClaimed { get; set; }

    public int CertificatesIssued { get; set; }
}
