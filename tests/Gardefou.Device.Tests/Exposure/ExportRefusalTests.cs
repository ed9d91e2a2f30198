using System.IO.Compression;
using System.Security.Cryptography;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Exposure;

public sealed class ExportRefusalTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);
    private LoopbackAuthority _authority = null!;

    public async ValueTask InitializeAsync() => _authority = await LoopbackAuthority.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _authority.DisposeAsync();
        _dir.Dispose();
    }

    public static TheoryData<string> Corruptions => ["flipped-byte", "other-signer", "no-signature", "not-a-zip"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task A_tampered_or_unsigned_export_is_refused_and_the_state_is_unchanged(string corruption)
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _authority.SigningKey.PrivateKey, server: _authority.Url);
        var good = new DiagnosisKey(TemporaryExposureKey.Generate(), KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-1))));
        _authority.AddFile("1.zip", _authority.Export([good]));
        await phone.CheckExposureAsync(ct);
        var before = Snapshot(phone.DataDirectory);

        var zip = _authority.Export([good with { }]);
        _authority.AddFile("2.zip", corruption switch
        {
            "flipped-byte" => Rezip(zip, bin => bin[^3] ^= 0x01),
            "other-signer" => _authority.Export([good], ExportSigningKey.Generate("310", "v1")),
            "no-signature" => DropSignature(zip),
            _ => [.. "PK this is not a zip"u8],
        });

        var error = await Assert.ThrowsAsync<PhoneException>(() => phone.CheckExposureAsync(ct));

        Assert.Contains("Giving up", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(phone.DataDirectory));
        Assert.Equal("1.zip", (await phone.GetStatusAsync(ct)).LastExportPath);
    }

    /// <summary>Every row of every table, as text.</summary>
    private static string Snapshot(string directory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "phone.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var text = new System.Text.StringBuilder();
        foreach (var table in new[] { "keys", "sightings", "settings", "exposure_days" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i)).Append('|');
                }
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    private static byte[] Rezip(byte[] zip, Action<byte[]> tamper)
    {
        var (bin, sig) = Entries(zip);
        tamper(bin);
        return Zip(bin, sig);
    }

    private static byte[] DropSignature(byte[] zip)
    {
        var (bin, _) = Entries(zip);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = archive.CreateEntry("export.bin").Open();
            stream.Write(bin);
        }
        return output.ToArray();
    }

    private static (byte[] Bin, byte[] Sig) Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        static byte[] Read(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        return (Read(archive.GetEntry("export.bin")!), Read(archive.GetEntry("export.sig")!));
    }

    private static byte[] Zip(byte[] bin, byte[] sig)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("export.bin", bin), ("export.sig", sig) })
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    [Fact]
    public async Task Signature_check_uses_the_pinned_key_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var pinned = await TestPhones.CreateAsync(Path.Combine(_dir.Path, "pinned"), _clock, exportKey: _authority.SigningKey.PrivateKey);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var unpinned = await TestPhones.CreateAsync(Path.Combine(_dir.Path, "other"), _clock, exportKey: other);
        var zip = _authority.Export([]);

        Assert.Empty(await pinned.MatchExportFileAsync(new MemoryStream(zip), ct));
        var error = await Assert.ThrowsAsync<PhoneException>(() => unpinned.MatchExportFileAsync(new MemoryStream(zip), ct));
        Assert.Contains("not signed by the pinned key", error.Message, StringComparison.Ordinal);
    }
}
