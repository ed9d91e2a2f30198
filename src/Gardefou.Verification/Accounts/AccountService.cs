using System.Security.Cryptography;
using Gardefou.Hosting.SignIn;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Portal;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Verification.Accounts;

/// <summary>Health workers' accounts: passwords through ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (every hash under the global cap of the portal's <see cref="SignInThrottle"/>), sessions, roles. No lockout: see <see cref="PortalSignIn"/>.</summary>
internal sealed class AccountService
{
    public const int MinPasswordLength = 12;
    private const int GeneratedPasswordLength = 20;
    private static readonly PasswordHasher<HealthWorker> s_hasher = new();

    // Verifying against this when the user does not exist makes an unknown name cost as much as a wrong password.
    private static readonly string s_dummyHash = s_hasher.HashPassword(null!, "not a password of anyone");

    private readonly VerificationDbContext _db;
    private readonly TimeProvider _time;
    private readonly SignInThrottle _hashing;

    public AccountService(VerificationDbContext db, TimeProvider time, [FromKeyedServices(PortalSignIn.ServiceKey)] SignInThrottle hashing)
    {
        _db = db;
        _time = time;
        _hashing = hashing;
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
        user.PasswordHash = await _hashing.HashAsync(() => s_hasher.HashPassword(user, password), ct);
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

    /// <summary>
    /// Checks a sign-in with exactly one password hash within the throttle's global hashing cap, whatever
    /// the name: an unknown name or a disabled account costs and answers what a wrong password does. Nothing is
    /// counted or locked here; the caller throttles before calling (see <see cref="PortalSignIn"/>).
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken ct)
    {
        var user = IsValidUserName(userName) ? await _db.HealthWorkers.Include(u => u.Realm).FirstOrDefaultAsync(u => u.UserName == userName, ct) : null;
        if (password is not { Length: > 0 and <= 256 })
        {
            return new SignInOutcome(SignInStatus.Failed);
        }
        var hash = user is { Disabled: false } ? user.PasswordHash : s_dummyHash;
        var (ran, result) = await _hashing.TryHashAsync(() => s_hasher.VerifyHashedPassword(user!, hash, password), ct);
        if (!ran)
        {
            return new SignInOutcome(SignInStatus.Busy);
        }
        if (user is null || user.Disabled || result == PasswordVerificationResult.Failed)
        {
            return new SignInOutcome(SignInStatus.Failed);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = await _hashing.HashAsync(() => s_hasher.HashPassword(user, password), ct);
            await _db.SaveChangesAsync(ct);
        }
        return new SignInOutcome(SignInStatus.Succeeded, user);
    }

    /// <summary>Sets a new generated password and ends the account's sessions everywhere; returns the password, to show once.</summary>
    public async Task<string> ResetPasswordAsync(HealthWorker user, CancellationToken ct)
    {
        var password = NewPassword();
        user.PasswordHash = await _hashing.HashAsync(() => s_hasher.HashPassword(user, password), ct);
        user.SecurityStamp = NewStamp();
        await _db.SaveChangesAsync(ct);
        return password;
    }

    /// <summary>Ends every session of the account, server-side (sign-out): a cookie copied before is refused from now on.</summary>
    public async Task EndSessionsAsync(HealthWorker user, CancellationToken ct)
    {
        user.SecurityStamp = NewStamp();
        await _db.SaveChangesAsync(ct);
    }

    /// <summary>Changes the user's own password after checking the current one.</summary>
    public async Task<bool> ChangePasswordAsync(HealthWorker user, string current, string next, CancellationToken ct)
    {
        if (next.Length is < MinPasswordLength or > 256 || current.Length is 0 or > 256
            || await _hashing.HashAsync(() => s_hasher.VerifyHashedPassword(user, user.PasswordHash, current), ct) == PasswordVerificationResult.Failed)
        {
            return false;
        }
        user.PasswordHash = await _hashing.HashAsync(() => s_hasher.HashPassword(user, next), ct);
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
