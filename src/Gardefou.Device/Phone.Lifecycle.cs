using System.Globalization;
using System.Security.Cryptography;
using Gardefou.Device.Network;
using Gardefou.Device.Radio;
using Gardefou.Device.Storage;
using Gardefou.Device.Upload;

namespace Gardefou.Device;

public sealed partial class Phone
{
    /// <summary>
    /// Sets up a new phone in <paramref name="dataDirectory"/>: pins the key server's export public key (given, or
    /// fetched from <c>/v1/exports/public-key.pem</c>) (every later export must verify against it), draws this handset's
    /// radio profile and schedules the first dummy upload. Refuses a directory that already holds a phone.
    /// </summary>
    public static async Task<Phone> InitializeAsync(string dataDirectory, PhoneSetup setup, PhoneOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        options ??= new PhoneOptions();
        var storage = new PhoneStorage(dataDirectory);
        if (storage.Exists)
        {
            throw new PhoneException($"'{storage.DataDirectory}' already holds a phone: wipe it first.");
        }
        ValidateServer(setup.Server);
        if (setup.VerificationServer is { } verificationServer)
        {
            ValidateServer(verificationServer);
        }

        var pem = setup.ExportPublicKeyPem
            ?? await new PhoneHttp(options, setup.ApiKey).GetStringAsync(new Uri(setup.Server, "v1/exports/public-key.pem"), 16 * 1024, ct);
        using (var key = ECDsa.Create())
        {
            try
            {
                key.ImportFromPem(pem);
            }
            catch (ArgumentException e)
            {
                throw new PhoneException("The server's export public key is not a valid PEM public key.", e);
            }
            if (key.KeySize != 256)
            {
                throw new PhoneException("The server's export public key is not a P-256 key.");
            }
        }

        var profile = DeviceProfile.Draw(options.Random);
        await storage.CreateAsync(ct);
        await using (var connection = await storage.OpenConnectionAsync(ct))
        {
            await using var transaction = connection.BeginTransaction();
            await PlainSql.SetAsync(transaction, Settings.ServerUrl, setup.Server.AbsoluteUri, ct);
            await PlainSql.SetAsync(transaction, Settings.VerificationUrl, setup.VerificationServer?.AbsoluteUri, ct);
            await PlainSql.SetAsync(transaction, Settings.ApiKey, setup.ApiKey, ct);
            await PlainSql.SetAsync(transaction, Settings.ExportPublicKeyPem, pem.Trim(), ct);
            await PlainSql.SetAsync(transaction, Settings.SunsetDate, setup.Sunset?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
            await PlainSql.SetAsync(transaction, Settings.RadioTxOffset, profile.TxOffsetDb.ToString("R", CultureInfo.InvariantCulture), ct);
            await PlainSql.SetAsync(transaction, Settings.RadioRxOffset, profile.RxOffsetDb.ToString("R", CultureInfo.InvariantCulture), ct);
            await PlainSql.SetAsync(transaction, Settings.NextChaff, ChaffSchedule.Next(options.Clock.GetUtcNow(), options.ChaffCheckInterval, options.ChaffProbability, options.Random).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ct);
            await transaction.CommitAsync(ct);
        }
        return await OpenAsync(dataDirectory, options, ct);
    }

    /// <summary>
    /// Erases everything: keys, observations, settings, exposure days. The data directory is left empty, and the
    /// broadcaster has nothing left to advertise.
    /// </summary>
    public void Wipe() => WipeDirectory(_storage);

    /// <summary>Erases the phone in <paramref name="dataDirectory"/>, if any.</summary>
    public static void Wipe(string dataDirectory) => WipeDirectory(new PhoneStorage(dataDirectory));

    /// <summary>Whether the phone has reached its sunset day (or was wiped); if so it has just been wiped.</summary>
    public Task<bool> EnforceSunsetAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!_storage.Exists)
        {
            return Task.FromResult(true);
        }
        if (_sunset is not { } day || DateOnly.FromDateTime(_options.Clock.GetUtcNow().UtcDateTime) < day)
        {
            return Task.FromResult(false);
        }
        Wipe();
        return Task.FromResult(true);
    }

    private static void WipeDirectory(PhoneStorage storage)
    {
        storage.DeleteAll();
        if (Directory.Exists(storage.DataDirectory) && !Directory.EnumerateFileSystemEntries(storage.DataDirectory).Any())
        {
            Directory.Delete(storage.DataDirectory);
        }
    }

    private static void ValidateServer(Uri server)
    {
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new PhoneException("The server address must be an absolute http or https URL.");
        }
    }
}
