using System.CommandLine;
using System.Text.Json;
using Gardefou.Protocol.Export;

namespace Gardefou.Cli.Commands;

/// <summary><c>gardefou export …</c>: tools over GAEN key export files.</summary>
internal static class ExportCommand
{
    /// <summary>Exit code when the file parsed (and, with a key, verified).</summary>
    public const int Ok = 0;

    /// <summary>Exit code when the file parsed but its signature does not verify with the given key.</summary>
    public const int InvalidSignature = 1;

    /// <summary>Exit code when the file or the key is malformed or unreadable.</summary>
    public const int Malformed = 2;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Export zip (export.bin + export.sig)" };
        var publicKey = new Option<string?>("--public-key") { Description = "PEM SubjectPublicKeyInfo of the signing key; checks the signature" };
        var dump = new Command("dump", "Print an export file as JSON; exit 0 parsed/verified, 1 bad signature, 2 malformed") { file, publicKey };
        dump.SetAction(result => Dump(result.GetValue(file)!, result.GetValue(publicKey), Console.OpenStandardOutput(), Console.Error));
        return new Command("export", "GAEN key export file tools") { dump };
    }

    /// <summary>Runs <c>export dump</c>, writing JSON to <paramref name="stdout"/> and errors to <paramref name="stderr"/>.</summary>
    public static int Dump(string path, string? publicKeyPath, Stream stdout, TextWriter stderr)
    {
        ExportFileContents contents;
        try
        {
            using var stream = File.OpenRead(path);
            contents = ExportFileReader.Read(stream);
        }
        catch (ExportFormatException e)
        {
            stderr.WriteLine($"error: {path} is not a valid export file: {e.Message}");
            return Malformed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"error: cannot read {path}: {e.Message}");
            return Malformed;
        }

        bool? valid = null;
        if (publicKeyPath is not null)
        {
            string pem;
            try
            {
                pem = File.ReadAllText(publicKeyPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"error: cannot read {publicKeyPath}: {e.Message}");
                return Malformed;
            }
            if (!EcdsaPem.TryLoadPublicKey(pem, out var key, out var error))
            {
                stderr.WriteLine($"error: {publicKeyPath}: {error}");
                return Malformed;
            }
            using (key)
            {
                valid = ExportSignatureVerifier.Verify(contents, key);
            }
        }

        Write(stdout, contents.Batch, valid);
        if (valid == false)
        {
            stderr.WriteLine($"error: the signature of {path} does not verify with {publicKeyPath}");
            return InvalidSignature;
        }
        return Ok;
    }

    private static void Write(Stream stdout, ExportBatch batch, bool? valid)
    {
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            if (valid is { } v)
            {
                json.WriteBoolean("signatureValid", v);
            }
            else
            {
                json.WriteNull("signatureValid");
            }
            json.WriteString("region", batch.Region);
            json.WriteNumber("batchNum", batch.BatchNum);
            json.WriteNumber("batchSize", batch.BatchSize);
            json.WriteNumber("startTimestamp", batch.StartTimestamp.ToUnixTimeSeconds());
            json.WriteNumber("endTimestamp", batch.EndTimestamp.ToUnixTimeSeconds());
            WriteKeys(json, "keys", batch.Keys);
            if (batch.RevisedKeys.Count > 0)
            {
                WriteKeys(json, "revisedKeys", batch.RevisedKeys);
            }
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }

    private static void WriteKeys(Utf8JsonWriter json, string name, IReadOnlyList<DiagnosisKey> keys)
    {
        json.WriteStartArray(name);
        foreach (var key in keys)
        {
            json.WriteStartObject();
            json.WriteString("keyData", key.Key.ToBase64());
            json.WriteNumber("rollingStartIntervalNumber", key.Validity.RollingStart.Value);
            json.WriteNumber("rollingPeriod", key.Validity.RollingPeriod);
            json.WriteNumber("transmissionRiskLevel", key.TransmissionRiskLevel);
            WriteNullable(json, "reportType", (int?)key.ReportType);
            WriteNullable(json, "daysSinceOnsetOfSymptoms", key.DaysSinceOnsetOfSymptoms);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
