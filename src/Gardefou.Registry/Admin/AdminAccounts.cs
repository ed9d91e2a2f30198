using System.Security.Cryptography;
using System.Text;
using Gardefou.Hosting.SignIn;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Admin;

/// <summary>Registry administrators: PBKDF2-SHA256 passwords, sessions held as hashed random tokens.</summary>
internal static class AdminAccounts
{
    public const string CookieName = "gf_registry_admin";
    private const int Iterations = 210_000;
    private static readonly TimeSpan s_sessionLength = TimeSpan.FromHours(8);

    public static async Task CreateAsync(RegistryDbContext db, string username, string password, DateTimeOffset now, CancellationToken ct)
    {
        if (username.Length is 0 or > 64 || password.Length < 12)
        {
            throw new ArgumentException("A username of 1 to 64 characters and a password of at least 12 characters are required.");
        }
        var salt = RandomNumberGenerator.GetBytes(16);
        db.AdminAccounts.Add(new AdminAccountRow { Username = username, Salt = salt, PasswordHash = Hash(password, salt), CreatedAt = now });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Checks the password and opens a session. The throttle admits the attempt (or not) before anything is hashed,
    /// and the hashing runs within its global cap.
    /// </summary>
    public static async Task<SignInResult> SignInAsync(RegistryDbContext db, SignInThrottle throttle, string username, string password,
        System.Net.IPAddress? client, byte[]? knownDevice, DateTimeOffset now, CancellationToken ct)
    {
        if (username.Length > 64 || password.Length > 1024)
        {
            return SignInResult.Wrong;
        }
        if (throttle.TryAdmit(username, client, knownDevice, out var retryAfter) is not { } ticket)
        {
            return SignInResult.Throttled(retryAfter);
        }
        using (ticket)
        {
            if (await VerifyAsync(db, throttle, username, password, ct) is not { } verified)
            {
                return SignInResult.Busy(throttle.BusyRetryAfter);
            }
            ticket.Record(verified);
            if (!verified)
            {
                return SignInResult.Wrong;
            }
        }
        var token = RandomNumberGenerator.GetBytes(32);
        db.AdminSessions.Add(new AdminSessionRow { TokenHash = SHA256.HashData(token), Username = username, ExpiresAt = now + s_sessionLength });
        await db.SaveChangesAsync(ct);
        return SignInResult.SignedIn(Convert.ToHexStringLower(token));
    }

    /// <summary>
    /// Changes a password after checking the current one (throttled like a sign-in), and ends every session of that
    /// user on the server, this one included.
    /// </summary>
    public static async Task<SignInResult> ChangePasswordAsync(RegistryDbContext db, SignInThrottle throttle, string username, string current, string replacement,
        System.Net.IPAddress? client, string session, CancellationToken ct)
    {
        if (replacement.Length is < 12 or > 1024)
        {
            throw new ArgumentException("The new password needs at least 12 characters.");
        }
        if (throttle.TryAdmit(username, client, AdminSignIn.SessionDevice(session), out var retryAfter) is not { } ticket)
        {
            return SignInResult.Throttled(retryAfter);
        }
        using (ticket)
        {
            var verified = await VerifyAsync(db, throttle, username, current, ct);
            if (verified is null)
            {
                return SignInResult.Busy(throttle.BusyRetryAfter);
            }
            ticket.Record(verified.Value);
            if (verified == false)
            {
                return SignInResult.Wrong;
            }
        }
        var salt = RandomNumberGenerator.GetBytes(16);
        if (await throttle.TryHashAsync(() => Hash(replacement, salt), ct) is not (true, var hash))
        {
            return SignInResult.Busy(throttle.BusyRetryAfter);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.AdminAccounts.Where(a => a.Username == username).ExecuteUpdateAsync(u => u.SetProperty(a => a.Salt, salt).SetProperty(a => a.PasswordHash, hash), ct);
        await db.AdminSessions.Where(x => x.Username == username).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return SignInResult.SignedIn("");
    }

    /// <summary>True or false for the password; null when no hashing slot freed up in time.</summary>
    private static async Task<bool?> VerifyAsync(RegistryDbContext db, SignInThrottle throttle, string username, string password, CancellationToken ct)
    {
        var account = await db.AdminAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Username == username, ct);
        // Hash even for an unknown user so the answer time does not say which usernames exist.
        var salt = account?.Salt ?? new byte[16];
        if (await throttle.TryHashAsync(() => Hash(password, salt), ct) is not (true, var hash))
        {
            return null;
        }
        return account is not null && CryptographicOperations.FixedTimeEquals(hash, account.PasswordHash);
    }

    /// <summary>The signed-in username for a cookie token, or null.</summary>
    public static async Task<string?> UserOfAsync(RegistryDbContext db, string? token, DateTimeOffset now, CancellationToken ct)
    {
        if (token is not { Length: 64 } || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var hash = SHA256.HashData(Convert.FromHexString(token));
        var session = await db.AdminSessions.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash, ct);
        return session is not null && session.ExpiresAt > now ? session.Username : null;
    }

    public static async Task SignOutAsync(RegistryDbContext db, string? token, CancellationToken ct)
    {
        if (token is { Length: 64 } && token.All(char.IsAsciiHexDigitLower))
        {
            var hash = SHA256.HashData(Convert.FromHexString(token));
            await db.AdminSessions.Where(s => s.TokenHash == hash).ExecuteDeleteAsync(ct);
        }
    }

    internal static byte[] Hash(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
