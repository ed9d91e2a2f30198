using System.Security.Cryptography;
using System.Text;
using Gardefou.Verification.Security;
using Gardefou.Verification.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Codes;

/// <summary>
/// Issues codes, exchanges a code for a token and a token for its diagnosis. Every exchange is a single
/// conditional UPDATE, so a code or a token can be used once even under concurrent requests, and a wrong,
/// expired or already used one costs the same query and gets the same answer.
/// </summary>
internal sealed class CodeService
{
    private const int MaxCollisionRetries = 6;
    private readonly VerificationDbContext _db;
    private readonly DomainKeys _keys;
    private readonly TimeProvider _time;
    private readonly VerificationOptions _options;

    public CodeService(VerificationDbContext db, DomainKeys keys, TimeProvider time, IOptions<VerificationOptions> options)
    {
        _db = db;
        _keys = keys;
        _time = time;
        _options = options.Value;
    }

    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public bool IsPastSunset => _options.SunsetAt is { } sunset && _time.GetUtcNow() >= sunset;

    public async Task<IssuedCode> IssueAsync(int realmId, Diagnosis diagnosis, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        await DeleteExpiredAsync(now.UtcDateTime, ct);
        for (var attempt = 0; ; attempt++)
        {
            var shortCode = CodeFormat.NewShortCode();
            var longCode = CodeFormat.NewLongCode();
            var row = new VerificationCode
            {
                RealmId = realmId,
                ShortCodeHmac = _keys.CodeHmac(CodeFormat.ShortKind, shortCode),
                LongCodeHmac = _keys.CodeHmac(CodeFormat.LongKind, longCode),
                TestType = diagnosis.TestType,
                TestDate = diagnosis.TestDate,
                SymptomDate = diagnosis.SymptomDate,
                IssuedAt = now.UtcDateTime,
                ShortExpiresAt = (now + _options.ShortCodeLifetime).UtcDateTime,
                LongExpiresAt = (now + _options.LongCodeLifetime).UtcDateTime,
            };
            _db.Codes.Add(row);
            try
            {
                await _db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < MaxCollisionRetries)
            {
                // One in 10^8 per live short code: draw again.
                _db.Entry(row).State = EntityState.Detached;
                continue;
            }
            await DailyCounter.IncrementAsync(_db, realmId, DateOnly.FromDateTime(now.UtcDateTime), DailyCounter.Counter.CodesIssued, ct);
            return new IssuedCode(shortCode, now + _options.ShortCodeLifetime, longCode, now + _options.LongCodeLifetime);
        }
    }

    /// <summary>Claims a code (single use) and returns a new token with its diagnosis, or null for any wrong, expired or used code.</summary>
    public async Task<(string Token, Diagnosis Diagnosis)?> ClaimCodeAsync(string input, CancellationToken ct)
    {
        var (kind, code) = CodeFormat.Normalize(input);
        var mac = _keys.CodeHmac(kind, code);
        var now = _time.GetUtcNow().UtcDateTime;
        // The claim and the token are one unit: a code is never used up without a token to show for it.
        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        var claimed = kind == CodeFormat.ShortKind
            ? await _db.Codes.Where(c => c.ShortCodeHmac == mac && c.ClaimedAt == null && c.ShortExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedAt, now), ct)
            : await _db.Codes.Where(c => c.LongCodeHmac == mac && c.ClaimedAt == null && c.LongExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedAt, now), ct);
        if (claimed != 1)
        {
            return null;
        }
        var row = kind == CodeFormat.ShortKind
            ? await _db.Codes.AsNoTracking().FirstAsync(c => c.ShortCodeHmac == mac, ct)
            : await _db.Codes.AsNoTracking().FirstAsync(c => c.LongCodeHmac == mac, ct);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        _db.Tokens.Add(new VerificationToken
        {
            RealmId = row.RealmId,
            TokenHash = TokenHash(token),
            TestType = row.TestType,
            TestDate = row.TestDate,
            SymptomDate = row.SymptomDate,
            ExpiresAt = now + _options.TokenLifetime,
        });
        await _db.SaveChangesAsync(ct);
        await DailyCounter.IncrementAsync(_db, row.RealmId, DateOnly.FromDateTime(now), DailyCounter.Counter.CodesClaimed, ct);
        await transaction.CommitAsync(ct);
        return (token, new Diagnosis(row.TestType, row.TestDate, row.SymptomDate));
    }

    /// <summary>Uses a token (single use) and returns its diagnosis, or null for any wrong, expired or used token.</summary>
    public async Task<Diagnosis?> ClaimTokenAsync(string token, CancellationToken ct)
    {
        var hash = TokenHash(token);
        var now = _time.GetUtcNow().UtcDateTime;
        var used = await _db.Tokens.Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (used != 1)
        {
            return null;
        }
        var row = await _db.Tokens.AsNoTracking().FirstAsync(t => t.TokenHash == hash, ct);
        await DailyCounter.IncrementAsync(_db, row.RealmId, DateOnly.FromDateTime(now), DailyCounter.Counter.CertificatesIssued, ct);
        return new Diagnosis(row.TestType, row.TestDate, row.SymptomDate);
    }

    /// <summary>After the programme's sunset no code or token may remain usable: all are deleted.</summary>
    public async Task PurgeAfterSunsetAsync(CancellationToken ct)
    {
        await _db.Codes.ExecuteDeleteAsync(ct);
        await _db.Tokens.ExecuteDeleteAsync(ct);
    }

    /// <summary>Nothing outlives its use: expired codes and tokens, and counters past their retention, are deleted.</summary>
    public async Task DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        await _db.Codes.Where(c => c.LongExpiresAt <= now).ExecuteDeleteAsync(ct);
        await _db.Tokens.Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        var oldest = DateOnly.FromDateTime(now).AddDays(-_options.CountRetentionDays);
        await _db.DailyCounts.Where(d => d.Day < oldest).ExecuteDeleteAsync(ct);
    }

    private static byte[] TokenHash(string token) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(token.Length <= 128 ? token : token[..128]));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
