using System.Globalization;
using Gardefou.Device.Broadcast;
using Gardefou.Device.Keys;
using Gardefou.Device.Network;
using Gardefou.Device.Observations;
using Gardefou.Device.Radio;
using Gardefou.Device.Storage;

namespace Gardefou.Device;

/// <summary>
/// The device library's entry point: one phone, whose whole state lives in one data directory. A phone app keeps one
/// instance; the emulator opens one per command. Everything time-dependent reads <see cref="PhoneOptions.Clock"/>.
/// </summary>
public sealed partial class Phone
{
    private readonly PhoneStorage _storage;
    private readonly PhoneOptions _options;
    private readonly PhoneHttp _http;
    private readonly DateOnly? _sunset;

    private Phone(PhoneStorage storage, PhoneOptions options, Uri server, Uri verificationServer, string? apiKey, DateOnly? sunset)
    {
        _sunset = sunset;
        _storage = storage;
        _options = options;
        Server = server;
        VerificationServer = verificationServer;
        _http = new PhoneHttp(options, apiKey);
        Keys = new KeyStore(storage, options.Clock);
        Observations = new ObservationStore(storage, options.Clock);
        Broadcaster = new Broadcaster(Keys, options.Clock, options.Random, options.Metadata);
    }

    /// <summary>The phone's data directory.</summary>
    public string DataDirectory => _storage.DataDirectory;

    /// <summary>The key server.</summary>
    public Uri Server { get; }

    /// <summary>The verification server.</summary>
    public Uri VerificationServer { get; }

    /// <summary>The phone's own keys.</summary>
    public KeyStore Keys { get; }

    /// <summary>What the phone heard.</summary>
    public ObservationStore Observations { get; }

    /// <summary>What the phone advertises.</summary>
    public Broadcaster Broadcaster { get; }

    /// <summary>Whether <paramref name="dataDirectory"/> holds a phone.</summary>
    public static bool Exists(string dataDirectory) => new PhoneStorage(dataDirectory).Exists;

    /// <summary>Opens the phone in <paramref name="dataDirectory"/>; after its sunset day it is wiped and refused.</summary>
    public static async Task<Phone> OpenAsync(string dataDirectory, PhoneOptions? options = null, CancellationToken ct = default)
    {
        options ??= new PhoneOptions();
        var storage = new PhoneStorage(dataDirectory);
        if (!storage.Exists)
        {
            throw new PhoneException($"No phone in '{storage.DataDirectory}': run 'gardefou phone init' first.");
        }
        // A plain connection: opening a phone to check it must not load EF Core (see PhoneStorage).
        string server;
        string verification;
        string? apiKey;
        string? sunset;
        await using (var connection = await storage.OpenConnectionAsync(ct))
        {
            server = await PlainSql.GetAsync(connection, Settings.ServerUrl, ct) ?? throw new PhoneException("The phone's data is incomplete: run 'gardefou phone init' again.");
            verification = await PlainSql.GetAsync(connection, Settings.VerificationUrl, ct) ?? server;
            apiKey = await PlainSql.GetAsync(connection, Settings.ApiKey, ct);
            sunset = await PlainSql.GetAsync(connection, Settings.SunsetDate, ct);
        }
        var phone = new Phone(storage, options, new Uri(server), new Uri(verification), apiKey,
            sunset is null ? null : DateOnly.ParseExact(sunset, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (await phone.EnforceSunsetAsync(ct))
        {
            throw new PhoneException("This phone has passed its sunset date: it stopped and erased all its data.");
        }
        return phone;
    }

    /// <summary>The radio characteristics of this handset (drawn once at setup, then fixed).</summary>
    public async Task<DeviceProfile> GetRadioProfileAsync(CancellationToken ct = default)
    {
        await using var connection = await _storage.OpenConnectionAsync(ct);
        var tx = await PlainSql.GetAsync(connection, Settings.RadioTxOffset, ct);
        var rx = await PlainSql.GetAsync(connection, Settings.RadioRxOffset, ct);
        return new DeviceProfile(
            _options.Metadata.TransmitPowerDbm,
            tx is null ? 0 : double.Parse(tx, CultureInfo.InvariantCulture),
            rx is null ? 0 : double.Parse(rx, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Puts the current advertisement (rotated when due) on <paramref name="radio"/>; after the sunset day, or once
    /// wiped, stops advertising instead and returns false.
    /// </summary>
    public async Task<bool> AdvertiseAsync(IRadio radio, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(radio);
        if (await EnforceSunsetAsync(ct))
        {
            radio.StopAdvertising();
            return false;
        }
        radio.Advertise(await Broadcaster.CurrentAsync(ct));
        return true;
    }

    /// <summary>
    /// One scan: listens on <paramref name="radio"/> for <paramref name="duration"/> and records what was heard as
    /// scan instances standing for <paramref name="secondsSinceLastScan"/>. Returns the identifiers recorded.
    /// </summary>
    public async Task<int> ScanAsync(IRadio radio, TimeSpan duration, int secondsSinceLastScan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(radio);
        var time = _options.Clock.GetUtcNow();
        var heard = await radio.ScanAsync(duration, ct);
        return await Observations.RecordScanAsync(time, secondsSinceLastScan, heard, ct);
    }

    /// <summary>Erases keys, observations and exposure days past their retention.</summary>
    public async Task EraseExpiredAsync(CancellationToken ct = default)
    {
        await Keys.EraseExpiredAsync(ct);
        await Observations.EraseExpiredAsync(ct);
        var oldestDay = DateOnly.FromDateTime((_options.Clock.GetUtcNow() - ObservationStore.Retention).UtcDateTime);
        var oldest = oldestDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Days are stored as yyyy-MM-dd, so text order is date order.
        await PlainSql.ExecuteAsync(_storage, "DELETE FROM exposure_days WHERE Day < $p0", ct, oldest);
    }

    /// <summary>Counts and days for display.</summary>
    public async Task<PhoneStatus> GetStatusAsync(CancellationToken ct = default)
    {
        await using var connection = await _storage.OpenConnectionAsync(ct);
        var days = await PlainSql.ListAsync<string>(connection, "SELECT Day FROM exposure_days", ct);
        var sunset = await PlainSql.GetAsync(connection, Settings.SunsetDate, ct);
        var chaff = await PlainSql.GetAsync(connection, Settings.ChaffSent, ct);
        return new PhoneStatus(
            Server,
            (await PlainSql.ListAsync<int>(connection, "SELECT COUNT(*) FROM keys", ct))[0],
            (await PlainSql.ListAsync<int>(connection, "SELECT COUNT(*) FROM sightings", ct))[0],
            await PlainSql.GetAsync(connection, Settings.LastExportPath, ct),
            [.. days.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Order()],
            await PlainSql.GetAsync(connection, Settings.Reported, ct) is not null,
            chaff is null ? 0 : int.Parse(chaff, CultureInfo.InvariantCulture),
            sunset is null ? null : DateOnly.ParseExact(sunset, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
