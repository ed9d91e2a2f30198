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

    /// <summary>Issues a code from the portal (no issuer handle).</summary>
    public async Task<IssuedCode> IssueAsync(int realmId, Diagnosis diagnosis, CancellationToken ct) =>
        (await IssueAsync(realmId, CodeSubject.From(diagnosis), null, ct))!;

    /// <summary>
    /// Issues a code for <paramref name="subject"/>. <paramref name="uuid"/> is the issuer's handle (generated when
    /// null); null is returned when the realm already has a live code with that handle.
    /// </summary>
    public async Task<IssuedCode?> IssueAsync(int realmId, CodeSubject subject, string? uuid, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        await DeleteExpiredAsync(now.UtcDateTime, ct);
        if (uuid is not null && await _db.Codes.AnyAsync(c => c.RealmId == realmId && c.Uuid == uuid, ct))
        {
            return null;
        }
        var handle = uuid ?? Guid.NewGuid().ToString("D");
        for (var attempt = 0; ; attempt++)
        {
            var shortCode = CodeFormat.NewShortCode();
            var longCode = CodeFormat.NewLongCode();
            var row = new VerificationCode
            {
                RealmId = realmId,
                ShortCodeHmac = _keys.CodeHmac(CodeFormat.ShortKind, shortCode),
                LongCodeHmac = _keys.CodeHmac(CodeFormat.LongKind, longCode),
                TestType = subject.TestType,
                TestDate = subject.TestDate,
                SymptomDate = subject.SymptomDate,
                IssuedAt = now.UtcDateTime,
                ShortExpiresAt = (now + _options.ShortCodeLifetime).UtcDateTime,
                LongExpiresAt = (now + _options.LongCodeLifetime).UtcDateTime,
                Uuid = handle,
            };
            _db.Codes.Add(row);
            try
            {
                await _db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < MaxCollisionRetries)
            {
                _db.Entry(row).State = EntityState.Detached;
                if (uuid is not null && await _db.Codes.AnyAsync(c => c.RealmId == realmId && c.Uuid == uuid, ct))
                {
                    // A concurrent request with the same handle won.
                    return null;
                }
                // One in 10^8 per live short code: draw again.
                continue;
            }
            await DailyCounter.IncrementAsync(_db, realmId, DateOnly.FromDateTime(now.UtcDateTime), DailyCounter.Counter.CodesIssued, ct);
            return new IssuedCode(shortCode, now + _options.ShortCodeLifetime, longCode, now + _options.LongCodeLifetime, handle);
        }
    }

    /// <summary>Codes issued today in a realm (for its daily quota).</summary>
    public Task<int> IssuedTodayAsync(int realmId, CancellationToken ct)
    {
        var day = Today;
        return _db.DailyCounts.Where(d => d.RealmId == realmId && d.Day == day).Select(d => d.CodesIssued).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Claims a code (single use) of a test type the client accepts and returns a new token with its subject; else
    /// why not, in Google's order: unknown, expired, used, type not accepted (which leaves the code usable).
    /// </summary>
    public async Task<Outcome<CodeClaim, CodeClaimFailure>> ClaimCodeAsync(string input, IReadOnlyCollection<TestType> accepted, RealmScope scope, CancellationToken ct)
    {
        var (kind, code) = CodeFormat.Normalize(input);
        var mac = _keys.CodeHmac(kind, code);
        var now = _time.GetUtcNow().UtcDateTime;
        var isShort = kind == CodeFormat.ShortKind;
        var matching = InScope(isShort ? _db.Codes.Where(c => c.ShortCodeHmac == mac) : _db.Codes.Where(c => c.LongCodeHmac == mac), scope);
        // The claim and the token are one unit: a code is never used up without a token to show for it.
        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        var live = isShort ? matching.Where(c => c.ShortExpiresAt > now) : matching.Where(c => c.LongExpiresAt > now);
        var claimed = await live.Where(c => c.ClaimedAt == null && accepted.Contains(c.TestType))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedAt, now), ct);
        var row = await matching.AsNoTracking().FirstOrDefaultAsync(ct);
        if (claimed != 1 || row is null)
        {
            return Outcome.Fail(row switch
            {
                null => CodeClaimFailure.Invalid,
                _ when (isShort ? row.ShortExpiresAt : row.LongExpiresAt) <= now => CodeClaimFailure.Expired,
                { ClaimedAt: not null } => CodeClaimFailure.Invalid,
                _ when !accepted.Contains(row.TestType) => CodeClaimFailure.UnsupportedTestType,
                _ => CodeClaimFailure.Invalid,
            });
        }
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
        return new CodeClaim(token, new CodeSubject(row.TestType, row.TestDate, row.SymptomDate));
    }

    /// <summary>Uses a token (single use) and returns its subject; else whether it is unknown or expired/used.</summary>
    public async Task<Outcome<CodeSubject, TokenClaimFailure>> ClaimTokenAsync(string token, RealmScope scope, CancellationToken ct)
    {
        var hash = TokenHash(token);
        var now = _time.GetUtcNow().UtcDateTime;
        var matching = InScope(_db.Tokens.Where(t => t.TokenHash == hash), scope);
        var used = await matching.Where(t => t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        var row = await matching.AsNoTracking().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return Outcome.Fail(TokenClaimFailure.Invalid);
        }
        if (used != 1)
        {
            return Outcome.Fail(TokenClaimFailure.Expired);
        }
        await DailyCounter.IncrementAsync(_db, row.RealmId, DateOnly.FromDateTime(now), DailyCounter.Counter.CertificatesIssued, ct);
        return new CodeSubject(row.TestType, row.TestDate, row.SymptomDate);
    }

    /// <summary>Whether <paramref name="token"/> is one of the caller's realms' tokens (read only).</summary>
    public Task<bool> TokenExistsAsync(string token, RealmScope scope, CancellationToken ct)
    {
        var hash = TokenHash(token);
        return InScope(_db.Tokens.Where(t => t.TokenHash == hash), scope).AnyAsync(ct);
    }

    private IQueryable<VerificationCode> InScope(IQueryable<VerificationCode> codes, RealmScope scope) =>
        scope.KeyRealmId is { } realm
            ? codes.Where(c => c.RealmId == realm)
            : codes.Where(c => _db.Realms.Any(r => r.Id == c.RealmId && !r.RequireDeviceKey));

    private IQueryable<VerificationToken> InScope(IQueryable<VerificationToken> tokens, RealmScope scope) =>
        scope.KeyRealmId is { } realm
            ? tokens.Where(t => t.RealmId == realm)
            : tokens.Where(t => _db.Realms.Any(r => r.Id == t.RealmId && !r.RequireDeviceKey));

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
