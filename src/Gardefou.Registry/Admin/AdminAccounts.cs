using System.Security.Cryptography;
using System.Text;
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

    /// <summary>Checks the password and opens a session; returns the cookie token, or null.</summary>
    public static async Task<string?> SignInAsync(RegistryDbContext db, string username, string password, DateTimeOffset now, CancellationToken ct)
    {
        var account = await db.AdminAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Username == username, ct);
        // Hash even for an unknown user so the answer time does not say which usernames exist.
        var salt = account?.Salt ?? new byte[16];
        var hash = Hash(password, salt);
        if (account is null || !CryptographicOperations.FixedTimeEquals(hash, account.PasswordHash))
        {
            return null;
        }
        var token = RandomNumberGenerator.GetBytes(32);
        db.AdminSessions.Add(new AdminSessionRow { TokenHash = SHA256.HashData(token), Username = username, ExpiresAt = now + s_sessionLength });
        await db.SaveChangesAsync(ct);
        return Convert.ToHexStringLower(token);
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

    private static byte[] Hash(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
