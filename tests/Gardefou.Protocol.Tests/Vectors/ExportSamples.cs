using System.Text.Json;

namespace Gardefou.Protocol.Tests.Vectors;

/// <summary>The real signed export files listed in <c>gaen-export-samples.json</c>, with their decoded contents.</summary>
internal sealed record ExportSample(
    string File,
    string PublicKeyFile,
    string Region,
    long StartTimestamp,
    long EndTimestamp,
    int BatchNum,
    int BatchSize,
    int ExportBinLength,
    string ExportBinSha256,
    IReadOnlyList<(string Id, string Version, string Algorithm)> SignatureInfos,
    IReadOnlyList<string> SignatureDerHex,
    IReadOnlyList<ExpectedKey> Keys)
{
    public static IReadOnlyList<ExportSample> Load()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(TestData.PathOf("gaen-export-samples.json")));
        return [.. doc.RootElement.GetProperty("samples").EnumerateArray().Select(Parse)];
    }

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load().Count; i++)
        {
            data.Add(i);
        }
        return data;
    }

    private static ExportSample Parse(JsonElement sample)
    {
        var expected = sample.GetProperty("expected");
        var export = expected.GetProperty("export");
        return new ExportSample(
            sample.GetProperty("file").GetString()!,
            sample.GetProperty("public_key_file").GetString()!,
            export.GetProperty("region").GetString()!,
            export.GetProperty("start_timestamp").GetInt64(),
            export.GetProperty("end_timestamp").GetInt64(),
            export.GetProperty("batch_num").GetInt32(),
            export.GetProperty("batch_size").GetInt32(),
            expected.GetProperty("export_bin_length").GetInt32(),
            expected.GetProperty("export_bin_sha256").GetString()!,
            [.. export.GetProperty("signature_infos").EnumerateArray().Select(ParseInfo)],
            [.. expected.GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("signature_der_hex").GetString()!)],
            [.. export.GetProperty("keys").EnumerateArray().Select(ParseKey)]);
    }

    private static (string, string, string) ParseInfo(JsonElement info) => (
        info.GetProperty("verification_key_id").GetString()!,
        info.GetProperty("verification_key_version").GetString()!,
        info.GetProperty("signature_algorithm").GetString()!);

    private static ExpectedKey ParseKey(JsonElement key) => new(
        key.GetProperty("key_data_base64").GetString()!,
        key.GetProperty("rolling_start_interval_number").GetInt32(),
        key.TryGetProperty("rolling_period", out var period) ? period.GetInt32() : null,
        key.TryGetProperty("transmission_risk_level", out var risk) ? risk.GetInt32() : null,
        key.TryGetProperty("report_type", out var type) ? ParseReportType(type) : null,
        key.TryGetProperty("days_since_onset_of_symptoms", out var days) ? days.GetInt32() : null);

    private static int ParseReportType(JsonElement type) => type.ValueKind == JsonValueKind.Number
        ? type.GetInt32()
        : type.GetString() switch
        {
            "UNKNOWN" => 0,
            "CONFIRMED_TEST" => 1,
            "CONFIRMED_CLINICAL_DIAGNOSIS" => 2,
            "SELF_REPORT" => 3,
            "RECURSIVE" => 4,
            "REVOKED" => 5,
            var other => throw new InvalidDataException($"Unknown report type {other} in test data."),
        };
}

/// <summary>A key as listed in the test data; absent fields are null.</summary>
internal sealed record ExpectedKey(string KeyBase64, int RollingStart, int? RollingPeriod, int? TransmissionRisk, int? ReportType, int? DaysSinceOnset);
