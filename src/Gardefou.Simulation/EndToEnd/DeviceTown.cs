using System.Collections.Concurrent;
using System.Diagnostics;
using Gardefou.Device;
using Gardefou.Device.Emulation;
using Gardefou.Device.Network;
using Gardefou.Protocol.Keys;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.EndToEnd;

/// <summary>
/// The end-to-end device layer: one real <see cref="Phone"/> per app user, each with its own SQLite store and clock,
/// against a real server over HTTP. Simulated day <c>d</c> of a run of <c>D</c> days is the UTC date
/// <c>today − D + d</c>, so the last simulated day is yesterday: the server, whose clock is the real one, then sees
/// keys that are at most 14 days old and never in the future.
/// </summary>
/// <remarks>
/// The engine is synchronous; the layer blocks on the library's asynchronous calls from a thread-pool task, which has
/// no synchronisation context to deadlock on. Phones are independent, so checks and recordings run in parallel.
/// </remarks>
internal sealed partial class DeviceTown : IDeviceLayer, IDisposable
{
    // Contacts happen from 06:00 to midnight; checks and uploads just after midnight, before anybody meets.
    private const int FirstContactSecond = 6 * 3600;
    private static readonly TimeSpan s_checkTime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_uploadTime = TimeSpan.FromMinutes(5);
    private const ulong PhoneSalt = 0xE2E_0001;
    private static readonly BluetoothMetadata s_metadata = BluetoothMetadata.Version10(-8);

    private readonly SimulationParameters _p;
    private readonly EndToEndServer _server;
    private readonly HttpClient _http;
    private readonly string _directory;
    private readonly CancellationToken _ct;
    private readonly Dictionary<int, TownPhone> _phones = [];
    private readonly Stopwatch[] _phases = [new(), new(), new(), new(), new()];
    private readonly int _parallelism = Math.Max(2, Environment.ProcessorCount * 2);
    private DateOnly _dayZero;
    private long _scanInstances;
    private int _reports;
    private int _keysPublished;
    private long _checks;
    private long _filesProcessed;
    private int _notificationsShown;

    public DeviceTown(SimulationParameters parameters, EndToEndServer server, HttpClient http, string directory, CancellationToken ct)
    {
        _p = parameters;
        _server = server;
        _http = http;
        _directory = directory;
        _ct = ct;
    }

    /// <summary>What the phones did so far.</summary>
    public DeviceStatistics Statistics => new(
        _phones.Count, _scanInstances, _reports, _keysPublished, _checks, _filesProcessed, _seenExports.Count, _notificationsShown,
        _phases[(int)Phase.Setup].Elapsed, _phases[(int)Phase.Advertising].Elapsed, _phases[(int)Phase.Recording].Elapsed, _phases[(int)Phase.Reports].Elapsed, _phases[(int)Phase.Checks].Elapsed);

    /// <summary>The UTC instant <paramref name="offset"/> into simulated day <paramref name="day"/>.</summary>
    public DateTimeOffset TimeOf(int day, TimeSpan offset) =>
        new DateTimeOffset(_dayZero.AddDays(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + offset;

    /// <summary>The simulated day of a UTC date.</summary>
    public int DayOf(DateOnly date) => date.DayNumber - _dayZero.DayNumber;

    public void Start(IReadOnlyList<int> appUsers, int days)
    {
        _dayZero = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days);
        Directory.CreateDirectory(_directory);
        var options = new PhoneOptions
        {
            Http = _http,
            Retry = new RetryPolicy(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2)),
            Risk = _p.App.Risk,
            Metadata = s_metadata,
        };
        var created = new ConcurrentBag<TownPhone>();
        Block(Phase.Setup, () => Parallel.ForEachAsync(appUsers, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = _ct }, async (person, ct) =>
        {
            var clock = new SimulatedClock(TimeOf(0, TimeSpan.Zero));
            // Rotation jitter and radio addresses are seeded per person; keys still come from the OS generator.
            var random = new Random(unchecked((int)Hash.Of(_p.Seed, PhoneSalt, (ulong)person)));
            var phone = await Phone.InitializeAsync(
                Path.Combine(_directory, person.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new PhoneSetup(_server.BaseAddress, ExportPublicKeyPem: _server.ExportPublicKeyPem),
                options with { Clock = clock, Random = random },
                ct);
            created.Add(new TownPhone(person, phone, clock));
        }));
        foreach (var phone in created)
        {
            _phones[phone.Person] = phone;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Block(Phase phase, Func<Task> work)
    {
        _phases[(int)phase].Start();
        try
        {
            Task.Run(work, _ct).GetAwaiter().GetResult();
        }
        finally
        {
            _phases[(int)phase].Stop();
        }
    }

    private enum Phase
    {
        Setup,
        Advertising,
        Recording,
        Reports,
        Checks,
    }
}
