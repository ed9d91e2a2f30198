namespace Gardefou.Verification.Portal.Views;

/// <summary>One day of a realm's aggregate counters.</summary>
public sealed record DailyCountRow(DateOnly Day, int CodesIssued, int CodesClaimed, int CertificatesIssued);
