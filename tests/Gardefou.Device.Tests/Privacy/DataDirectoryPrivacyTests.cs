using System.Text;
using System.Text.RegularExpressions;
using Gardefou.Device.Emulation;
using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Privacy;

public sealed partial class DataDirectoryPrivacyTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string[]> s_allowedSchema = new()
    {
        ["keys"] = ["Id", "KeyData", "RollingStart", "RollingPeriod", "Released"],
        ["sightings"] = ["Id", "Rpi", "Aem", "ScanTime", "MaxRssi", "MeanRssi", "SecondsSinceLastScan"],
        ["settings"] = ["Name", "Value"],
        ["exposure_days"] = ["Day"],
    };

    private static readonly string[] s_allowedSettings =
    [
        "server.url", "exports.publicKeyPem", "exports.lastPath", "chaff.next", "chaff.sent", "report.done",
        "radio.txOffsetDb", "radio.rxOffsetDb",
    ];

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);
    private LoopbackAuthority _authority = null!;

    public async ValueTask InitializeAsync() => _authority = await LoopbackAuthority.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _authority.DisposeAsync();
        _dir.Dispose();
    }

    [GeneratedRegex(@"(?<![\d.])(\d{1,3}\.){3}\d{1,3}(?![\d.])")]
    private static partial Regex IPv4();

    [GeneratedRegex(@"(?i)(?<![0-9a-f:])([0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![0-9a-f:])|::1\b|::ffff:")]
    private static partial Regex IPv6();

    [Fact]
    public async Task The_data_directory_holds_no_location_address_or_identity_after_a_full_life()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await TestPhones.CreateAsync(_dir.Sub("a"), _clock, 1, _authority.SigningKey.PrivateKey, _authority.Url);
        var b = await TestPhones.CreateAsync(_dir.Sub("b"), _clock, 2, _authority.SigningKey.PrivateKey, _authority.Url);
        var clock = new SimulatedClock(TestPhones.Start.AddDays(-1));
        await Encounter.RunAsync(
            await Phone.OpenAsync(a.DataDirectory, TestPhones.Options(clock), ct),
            await Phone.OpenAsync(b.DataDirectory, TestPhones.Options(clock, 2), ct),
            clock, TestPhones.Start.AddDays(-1), TimeSpan.FromMinutes(30), 1, Carriage.Hand, new Random(3), ct: ct);
        _authority.AddCode("12345678");
        await b.ReportPositiveAsync("12345678", ct: ct);
        _authority.AddFile("1.zip", _authority.Export(_authority.PublishedKeys()));
        Assert.True((await a.CheckExposureAsync(ct)).Exposed);
        _clock.Advance(TimeSpan.FromDays(5));
        await a.SendDueChaffAsync(ct);
        await b.SendDueChaffAsync(ct);

        foreach (var phone in new[] { a, b })
        {
            AssertSchemaIsMinimal(phone.DataDirectory);
            AssertNoAddressInFiles(phone.DataDirectory);
        }
    }

    private static void AssertSchemaIsMinimal(string directory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "phone.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        Assert.Equal(s_allowedSchema.Keys.Order(), tables.Order());
        foreach (var (table, allowed) in s_allowedSchema)
        {
            // Every column is one of the reviewed ones: adding a place, an address or a name must fail here.
            Assert.Equal(allowed.Order(), Query(connection, $"SELECT name FROM pragma_table_info('{table}')").Order());
        }
        Assert.Subset(s_allowedSettings.ToHashSet(), Query(connection, "SELECT Name FROM settings").ToHashSet());
        // Exposure days are days: no time of day is stored with them.
        Assert.All(Query(connection, "SELECT Day FROM exposure_days"), day => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", day));
    }

    private void AssertNoAddressInFiles(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToList();
        Assert.All(files, f => Assert.StartsWith("phone.db", Path.GetFileName(f), StringComparison.Ordinal));
        foreach (var file in files)
        {
            // Latin-1 keeps every byte as one character, so text stored anywhere in the file (even in free pages) shows.
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            // The only address allowed is the health authority's own server, which the user configured.
            text = text.Replace(_authority.Url.AbsoluteUri, "", StringComparison.Ordinal);
            Assert.False(IPv4().IsMatch(text), $"{Path.GetFileName(file)} holds an IPv4 address: {IPv4().Match(text).Value}");
            Assert.False(IPv6().IsMatch(text), $"{Path.GetFileName(file)} holds an IPv6 address: {IPv6().Match(text).Value}");
            foreach (var word in new[] { "latitude", "longitude", "location", "geo", "gps", "imei", "email", "owner", "user" })
            {
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
