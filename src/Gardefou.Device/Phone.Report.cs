using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Device.Keys;
using Gardefou.Device.Storage;
using Gardefou.Device.Upload;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Time;

namespace Gardefou.Device;

public sealed partial class Phone
{
    private const int MaxResponseBytes = 64 * 1024;

    /// <summary>
    /// The positive path: exchanges the health worker's <paramref name="code"/> for a token (<c>/api/verify</c>),
    /// releases the keys (the current one cut short), asks for a certificate bound by HMAC to exactly the keys to be
    /// uploaded (<c>/api/certificate</c>), then publishes them (<c>/v1/publish</c>, health authority <c>demo</c>), in a
    /// body padded to the same size as dummy uploads. Keys of <paramref name="withheldDays"/> are neither in the HMAC
    /// nor in the upload. Keys stay in the store whatever happens, so a failed report can be repeated.
    /// </summary>
    public async Task<ReportResult> ReportPositiveAsync(string code, IReadOnlySet<DateOnly>? withheldDays = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.Trim();
        if (code.Length is 0 or > 64 || !code.All(char.IsAsciiLetterOrDigit))
        {
            throw new PhoneException("The code must be the letters and digits given by the health worker.");
        }
        if (await EnforceSunsetAsync(ct))
        {
            throw new PhoneException("This phone has passed its sunset date: it stopped and erased all its data.");
        }
        withheldDays ??= new HashSet<DateOnly>();
        var now = _options.Clock.GetUtcNow();
        var oldestEnd = EnIntervalNumber.FromTime(now - KeyStore.Retention);
        var existing = await Keys.GetKeysAsync(ct);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (withheldDays.Contains(today) && existing.All(k => withheldDays.Contains(k.Day) || k.Validity.End <= oldestEnd))
        {
            throw new PhoneException("Every day is withheld: there is nothing to upload.");
        }

        var token = await VerifyCodeAsync(code, ct);
        var released = await Keys.ReleaseAsync(ct);
        var upload = released.Where(k => !withheldDays.Contains(k.Day) && k.Validity.End > oldestEnd).OrderBy(k => k.Validity.RollingStart).ToList();
        if (upload.Count == 0)
        {
            throw new PhoneException("Every day is withheld: there is nothing to upload.");
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        try
        {
            var hmac = TekMac.ComputeBase64(secret, upload.Select(k => new TekMacKey(k.Key, k.Validity.RollingStart.Value, k.Validity.RollingPeriod, 0)));
            var certificate = await RequestCertificateAsync(token, hmac, ct);
            var request = new PublishRequest(
                [.. upload.Select(k => new PublishedKey(k.Key.ToBase64(), k.Validity.RollingStart.Value, k.Validity.RollingPeriod, 0))],
                UploadBody.HealthAuthorityId,
                certificate,
                Convert.ToBase64String(secret),
                false,
                "");
            var body = UploadBody.Padded(request, _options.UploadBodySize);
            await _http.PostJsonAsync(new Uri(Server, "v1/publish"), body, withApiKey: false, chaff: false, MaxResponseBytes, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        await using (var connection = await _storage.OpenConnectionAsync(ct))
        {
            await using var transaction = connection.BeginTransaction();
            await PlainSql.SetAsync(transaction, Settings.Reported, "yes", ct);
            await transaction.CommitAsync(ct);
        }
        return new ReportResult(upload.Count, [.. upload.Select(k => k.Day).Distinct()], [.. withheldDays.Order()]);
    }

    private async Task<string> VerifyCodeAsync(string code, CancellationToken ct) => await VerifyCodeAsync(code, chaff: false, ct);

    private async Task<string> VerifyCodeAsync(string code, bool chaff, CancellationToken ct)
    {
        var body = UploadBody.Verify(code, UploadBody.VerificationBodySize);
        var response = await _http.PostJsonAsync(new Uri(VerificationServer, "api/verify"), body, withApiKey: true, chaff, MaxResponseBytes, ct);
        return ReadString(response, "token", "The verification server did not return a token.");
    }

    private async Task<string> RequestCertificateAsync(string token, string hmac, CancellationToken ct) => await RequestCertificateAsync(token, hmac, chaff: false, ct);

    private async Task<string> RequestCertificateAsync(string token, string hmac, bool chaff, CancellationToken ct)
    {
        var body = UploadBody.Padded(new Dictionary<string, string> { ["token"] = token, ["ekeyhmac"] = hmac }, UploadBody.VerificationBodySize);
        var response = await _http.PostJsonAsync(new Uri(VerificationServer, "api/certificate"), body, withApiKey: true, chaff, MaxResponseBytes, ct);
        return ReadString(response, "certificate", "The verification server did not return a certificate.");
    }

    private static string ReadString(byte[] json, string property, string error)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 and < 8192 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // Falls through to the error below: an unreadable answer is no answer.
        }
        throw new PhoneException(error);
    }
}
