using System.Security.Cryptography;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Accounts;

/// <summary>Health workers' accounts: passwords through ASP.NET Core's <see cref="PasswordHasher{TUser}"/>, lockout, roles.</summary>
internal sealed class AccountService
{
    public const int MinPasswordLength = 12;
    private const int GeneratedPasswordLength = 20;
    private static readonly PasswordHasher<HealthWorker> s_hasher = new();

    // Verifying against this when the user does not exist makes an unknown name cost as much as a wrong password.
    private static readonly string s_dummyHash = s_hasher.HashPassword(null!, "not a password of anyone");

    private readonly VerificationDbContext _db;
    private readonly TimeProvider _time;
    private readonly VerificationOptions _options;

    public AccountService(VerificationDbContext db, TimeProvider time, IOptions<VerificationOptions> options)
    {
        _db = db;
        _time = time;
        _options = options.Value;
    }

    public static string NewPassword() => RandomNumberGenerator.GetString(CodeFormat.LongAlphabet + "abcdefghjkmnpqrstuvwxyz", GeneratedPasswordLength);

    public static bool IsValidUserName(string? name) =>
        name is { Length: >= 3 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@');

    /// <summary>Creates an account with a generated password, returned once; null when the name is taken.</summary>
    public async Task<(HealthWorker User, string Password)?> CreateAsync(int realmId, string userName, HealthWorkerRole role, CancellationToken ct)
    {
        if (await _db.HealthWorkers.AnyAsync(u => u.UserName == userName, ct))
        {
            return null;
        }
        var password = NewPassword();
        var user = new HealthWorker
        {
            RealmId = realmId,
            UserName = userName,
            PasswordHash = "",
            Role = role,
            SecurityStamp = NewStamp(),
            CreatedAt = _time.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = s_hasher.HashPassword(user, password);
        _db.HealthWorkers.Add(user);
        try
        {
            await _db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            _db.Entry(user).State = EntityState.Detached;
            return null;
        }
        return (user, password);
    }

    /// <summary>Checks a sign-in; counts failures and locks the account after <see cref="VerificationOptions.MaxFailedLogins"/>.</summary>
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var user = IsValidUserName(userName) ? await _db.HealthWorkers.Include(u => u.Realm).FirstOrDefaultAsync(u => u.UserName == userName, ct) : null;
        password ??= "";
        if (user is null)
        {
            s_hasher.VerifyHashedPassword(null!, s_dummyHash, password);
            return new SignInOutcome(null, false);
        }
        if (user.Disabled || user.LockedUntil > now)
        {
            s_hasher.VerifyHashedPassword(user, s_dummyHash, password);
            return new SignInOutcome(null, false);
        }
        var result = password.Length is > 0 and <= 256 ? s_hasher.VerifyHashedPassword(user, user.PasswordHash, password) : PasswordVerificationResult.Failed;
        if (result == PasswordVerificationResult.Failed)
        {
            user.FailedLogins++;
            var locked = false;
            if (user.FailedLogins >= _options.MaxFailedLogins)
            {
                user.LockedUntil = now + _options.LockoutDuration;
                user.FailedLogins = 0;
                locked = true;
            }
            await _db.SaveChangesAsync(ct);
            return new SignInOutcome(null, locked, user.Id);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = s_hasher.HashPassword(user, password);
        }
        user.FailedLogins = 0;
        user.LockedUntil = null;
        await _db.SaveChangesAsync(ct);
        return new SignInOutcome(user, false);
    }

    /// <summary>Sets a new generated password, unlocks the account and ends its sessions.</summary>
    public async Task<string> ResetPasswordAsync(HealthWorker user, CancellationToken ct)
    {
        var password = NewPassword();
        user.PasswordHash = s_hasher.HashPassword(user, password);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.SecurityStamp = NewStamp();
        await _db.SaveChangesAsync(ct);
        return password;
    }

    /// <summary>Changes the user's own password after checking the current one.</summary>
    public async Task<bool> ChangePasswordAsync(HealthWorker user, string current, string next, CancellationToken ct)
    {
        if (next.Length is < MinPasswordLength or > 256 || s_hasher.VerifyHashedPassword(user, user.PasswordHash, current) == PasswordVerificationResult.Failed)
        {
            return false;
        }
        user.PasswordHash = s_hasher.HashPassword(user, next);
        user.SecurityStamp = NewStamp();
        await _db.SaveChangesAsync(ct);
        return true;
    }

    public async Task SetDisabledAsync(HealthWorker user, bool disabled, CancellationToken ct)
    {
        user.Disabled = disabled;
        user.SecurityStamp = NewStamp();
        await _db.SaveChangesAsync(ct);
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
