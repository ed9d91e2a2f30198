using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Cli.Commands;

namespace Gardefou.Cli.Tests.Commands;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gardefou-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, JsonDocument? Json, string Error) Run(string file, string? pem)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = ExportCommand.Dump(file, pem, stdout, stderr);
        var json = stdout.Length > 0 ? JsonDocument.Parse(stdout.ToArray()) : null;
        return (exit, json, stderr.ToString());
    }

    public static TheoryData<string, string> Samples() => new()
    {
        { "gaen-export-samples/server-example-export.zip", "gaen-export-samples/server-example-public.pem" },
        { "gaen-export-samples/internals-sample-export.zip", "gaen-export-samples/internals-310-v1-public.pem" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_with_its_key_prints_the_listed_contents_and_exits_0(string zip, string pem)
    {
        var (exit, json, error) = Run(TestData.PathOf(zip), TestData.PathOf(pem));

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var root = json!.RootElement;
        Assert.True(root.GetProperty("signatureValid").GetBoolean());
        Assert.Equal(ExpectedKeys(zip), root.GetProperty("keys").EnumerateArray().Select(k => (
            k.GetProperty("keyData").GetString()!,
            k.GetProperty("rollingStartIntervalNumber").GetInt32(),
            k.GetProperty("rollingPeriod").GetInt32(),
            k.GetProperty("transmissionRiskLevel").GetInt32())));
        Assert.All(root.GetProperty("keys").EnumerateArray(), k => Assert.Equal(JsonValueKind.Null, k.GetProperty("reportType").ValueKind));
        Assert.All(root.GetProperty("keys").EnumerateArray(), k => Assert.Equal(JsonValueKind.Null, k.GetProperty("daysSinceOnsetOfSymptoms").ValueKind));
        var expected = ExpectedExport(zip);
        Assert.Equal(expected.GetProperty("region").GetString(), root.GetProperty("region").GetString());
        Assert.Equal(expected.GetProperty("batch_num").GetInt32(), root.GetProperty("batchNum").GetInt32());
        Assert.Equal(expected.GetProperty("batch_size").GetInt32(), root.GetProperty("batchSize").GetInt32());
        Assert.Equal(expected.GetProperty("start_timestamp").GetInt64(), root.GetProperty("startTimestamp").GetInt64());
        Assert.Equal(expected.GetProperty("end_timestamp").GetInt64(), root.GetProperty("endTimestamp").GetInt64());
    }

    [Fact]
    public void Without_a_key_signature_valid_is_null_and_exit_is_0()
    {
        var (exit, json, _) = Run(TestData.PathOf("gaen-export-samples/server-example-export.zip"), null);

        Assert.Equal(0, exit);
        Assert.Equal(JsonValueKind.Null, json!.RootElement.GetProperty("signatureValid").ValueKind);
        Assert.Equal(2, json.RootElement.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public void Sample_with_another_key_exits_1()
    {
        var (exit, json, error) = Run(
            TestData.PathOf("gaen-export-samples/server-example-export.zip"),
            TestData.PathOf("gaen-export-samples/internals-310-v1-public.pem"));

        Assert.Equal(1, exit);
        Assert.False(json!.RootElement.GetProperty("signatureValid").GetBoolean());
        Assert.Contains("does not verify", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_file_exits_1()
    {
        // Change one key byte inside export.bin; the zip's CRC is fixed up so that only the signature can tell.
        var tampered = TamperFirstKeyByte(File.ReadAllBytes(TestData.PathOf("gaen-export-samples/server-example-export.zip")));
        var path = Path.Combine(_dir, "tampered.zip");
        File.WriteAllBytes(path, tampered);

        var (exit, json, _) = Run(path, TestData.PathOf("gaen-export-samples/server-example-public.pem"));

        Assert.Equal(1, exit);
        Assert.False(json!.RootElement.GetProperty("signatureValid").GetBoolean());
    }

    [Fact]
    public void Garbage_missing_file_and_bad_pem_exit_2_with_a_message()
    {
        var garbage = Path.Combine(_dir, "garbage.zip");
        File.WriteAllBytes(garbage, RandomNumberGenerator.GetBytes(300));
        var notPem = Path.Combine(_dir, "key.pem");
        File.WriteAllText(notPem, "hello");

        foreach (var (file, pem) in new[]
        {
            (garbage, (string?)null),
            (Path.Combine(_dir, "missing.zip"), null),
            (TestData.PathOf("gaen-export-samples/server-example-export.zip"), notPem),
            (TestData.PathOf("gaen-export-samples/server-example-export.zip"), Path.Combine(_dir, "missing.pem")),
        })
        {
            var (exit, json, error) = Run(file, pem);
            Assert.Equal(2, exit);
            Assert.Null(json);
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Command_line_wiring_parses_the_file_argument_and_public_key_option()
    {
        var garbage = Path.Combine(_dir, "garbage.zip");
        File.WriteAllBytes(garbage, [1, 2, 3]);
        var root = new System.CommandLine.RootCommand { ExportCommand.Create() };

        Assert.Equal(2, root.Parse(["export", "dump", garbage]).Invoke());
        Assert.Equal(2, root.Parse(["export", "dump", TestData.PathOf("gaen-export-samples/server-example-export.zip"), "--public-key", Path.Combine(_dir, "none.pem")]).Invoke());
        Assert.NotEmpty(root.Parse(["export", "dump"]).Errors);
    }

    private static byte[] TamperFirstKeyByte(byte[] zipBytes)
    {
        using var input = new System.IO.Compression.ZipArchive(new MemoryStream(zipBytes));
        var entries = input.Entries.Select(e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return (e.FullName, Bytes: m.ToArray());
        }).ToList();
        var bin = entries.Single(e => e.FullName == "export.bin").Bytes;
        var keyAt = bin.AsSpan().IndexOf(Convert.FromBase64String("Fy/EgOWYSQw0F3YEM5sVQw=="));
        bin[keyAt] ^= 0x80;
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }
        return output.ToArray();
    }

    private static JsonElement ExpectedExport(string zip)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("gaen-export-samples.json")));
        return doc.RootElement.GetProperty("samples").EnumerateArray()
            .Single(s => s.GetProperty("file").GetString() == zip)
            .GetProperty("expected").GetProperty("export").Clone();
    }

    private static List<(string, int, int, int)> ExpectedKeys(string zip) =>
        [.. ExpectedExport(zip).GetProperty("keys").EnumerateArray().Select(k => (
            k.GetProperty("key_data_base64").GetString()!,
            k.GetProperty("rolling_start_interval_number").GetInt32(),
            k.TryGetProperty("rolling_period", out var p) ? p.GetInt32() : 144,
            k.TryGetProperty("transmission_risk_level", out var r) ? r.GetInt32() : 0))];
}
