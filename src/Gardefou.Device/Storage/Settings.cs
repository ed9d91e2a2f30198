using Microsoft.EntityFrameworkCore;

namespace Gardefou.Device.Storage;

/// <summary>Typed access to the <c>settings</c> table.</summary>
internal static class Settings
{
    public const string ServerUrl = "server.url";
    public const string VerificationUrl = "verification.url";
    public const string ApiKey = "verification.apiKey";
    public const string ExportPublicKeyPem = "exports.publicKeyPem";
    public const string LastExportPath = "exports.lastPath";
    public const string SunsetDate = "sunset.date";
    public const string NextChaff = "chaff.next";
    public const string ChaffSent = "chaff.sent";
    public const string Reported = "report.done";
    public const string RadioTxOffset = "radio.txOffsetDb";
    public const string RadioRxOffset = "radio.rxOffsetDb";

    public static async Task<string?> GetAsync(this PhoneDbContext db, string name, CancellationToken ct) =>
        (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct))?.Value;

    /// <summary>Stages a value in <paramref name="db"/>; the caller saves, so several settings change atomically.</summary>
    public static async Task SetAsync(this PhoneDbContext db, string name, string? value, CancellationToken ct)
    {
        var existing = await db.Settings.FirstOrDefaultAsync(s => s.Name == name, ct);
        if (value is null)
        {
            if (existing is not null)
            {
                db.Settings.Remove(existing);
            }
            return;
        }
        if (existing is null)
        {
            db.Settings.Add(new SettingRecord { Name = name, Value = value });
        }
        else
        {
            existing.Value = value;
        }
    }
}
