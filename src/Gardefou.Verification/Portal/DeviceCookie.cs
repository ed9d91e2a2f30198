using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Portal;

/// <summary>
/// A cookie that marks a browser as one a health worker signed in from before (the "device cookie" defence
/// against online guessing): a random device id and the ids of the accounts that signed in on it, protected
/// by Data Protection so it cannot be forged or edited. The server keeps nothing about it. Sign-in attempts
/// that carry it for the account are budgeted apart from everyone else, so an attacker's failures elsewhere
/// never slow the user down on their own device.
/// </summary>
internal static class DeviceCookie
{
    public const string Name = "gardefou-portal-device";
    private const int MaxAccounts = 8;
    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(90);

    /// <summary>The device id when the browser's cookie is valid and lists <paramref name="userId"/>.</summary>
    public static byte[]? DeviceIdFor(HttpContext context, int? userId)
    {
        if (userId is null || Read(context) is not { } device)
        {
            return null;
        }
        return device.Accounts.Contains(userId.Value) ? device.Id : null;
    }

    /// <summary>Adds <paramref name="userId"/> to the browser's cookie (creating it), keeping the newest accounts.</summary>
    public static void Remember(HttpContext context, int userId)
    {
        var device = Read(context) ?? (RandomNumberGenerator.GetBytes(16), []);
        var accounts = new List<int> { userId };
        accounts.AddRange(device.Accounts.Where(a => a != userId).Take(MaxAccounts - 1));
        var payload = new byte[16 + (4 * accounts.Count)];
        device.Id.CopyTo(payload, 0);
        for (var i = 0; i < accounts.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(16 + (4 * i)), accounts[i]);
        }
        var value = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(ProtectorOf(context).Protect(payload));
        context.Response.Cookies.Append(Name, value, new CookieOptions
        {
            Path = PortalEndpoints.Root,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = s_lifetime,
        });
    }

    private static (byte[] Id, int[] Accounts)? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value) || value.Length > 1024)
        {
            return null;
        }
        try
        {
            var payload = ProtectorOf(context).Unprotect(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value));
            if (payload.Length < 16 || (payload.Length - 16) % 4 != 0)
            {
                return null;
            }
            var accounts = new int[(payload.Length - 16) / 4];
            for (var i = 0; i < accounts.Length; i++)
            {
                accounts[i] = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(16 + (4 * i)));
            }
            return (payload[..16], accounts);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private static IDataProtector ProtectorOf(HttpContext context) =>
        ((IDataProtectionProvider)context.RequestServices.GetService(typeof(IDataProtectionProvider))!).CreateProtector("Gardefou.Verification.Portal.DeviceCookie");
}
