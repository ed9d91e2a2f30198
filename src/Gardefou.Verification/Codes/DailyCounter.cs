using Gardefou.Verification.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Codes;

/// <summary>Increments the per-realm, per-day aggregate counters (no per-patient data).</summary>
internal static class DailyCounter
{
    public enum Counter
    {
        CodesIssued,
        CodesClaimed,
        CertificatesIssued,
    }

    public static async Task IncrementAsync(VerificationDbContext db, int realmId, DateOnly day, Counter counter, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var rows = await Update(db.DailyCounts.Where(d => d.RealmId == realmId && d.Day == day), counter, ct);
            if (rows > 0)
            {
                return;
            }
            var row = new DailyCount
            {
                RealmId = realmId,
                Day = day,
                CodesIssued = counter == Counter.CodesIssued ? 1 : 0,
                CodesClaimed = counter == Counter.CodesClaimed ? 1 : 0,
                CertificatesIssued = counter == Counter.CertificatesIssued ? 1 : 0,
            };
            db.DailyCounts.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // A concurrent request created the day's row first: update it instead.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    private static Task<int> Update(IQueryable<DailyCount> rows, Counter counter, CancellationToken ct) => counter switch
    {
        Counter.CodesIssued => rows.ExecuteUpdateAsync(s => s.SetProperty(d => d.CodesIssued, d => d.CodesIssued + 1), ct),
        Counter.CodesClaimed => rows.ExecuteUpdateAsync(s => s.SetProperty(d => d.CodesClaimed, d => d.CodesClaimed + 1), ct),
        _ => rows.ExecuteUpdateAsync(s => s.SetProperty(d => d.CertificatesIssued, d => d.CertificatesIssued + 1), ct),
    };
}
