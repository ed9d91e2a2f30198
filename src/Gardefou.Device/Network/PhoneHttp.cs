using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Gardefou.Device.Network;

/// <summary>
/// Every request the phone makes goes through here: size-capped reads, the app API key where needed, and retries
/// with backoff for network failures, 5xx, 408, 429 and responses the caller finds corrupt.
/// </summary>
internal sealed class PhoneHttp
{
    private readonly PhoneOptions _options;
    private readonly RetryPolicy _retry;
    private readonly Random _random;
    private readonly TimeProvider _clock;
    private readonly string? _apiKey;

    public PhoneHttp(PhoneOptions options, string? apiKey)
    {
        _options = options;
        _retry = options.Retry;
        _random = options.Random;
        _clock = options.Clock;
        _apiKey = apiKey;
    }

    public Task<string> GetStringAsync(Uri uri, int maxBytes, CancellationToken ct) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), async (response, token) =>
            Encoding.UTF8.GetString(await ReadCappedAsync(response, maxBytes, token)), ct);

    /// <summary>POSTs a JSON body and returns the response body (capped).</summary>
    public Task<byte[]> PostJsonAsync(Uri uri, byte[] body, bool withApiKey, bool chaff, int maxResponseBytes, CancellationToken ct) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (withApiKey && _apiKey is not null)
            {
                request.Headers.Add("X-API-Key", _apiKey);
            }
            if (chaff)
            {
                request.Headers.Add("X-Chaff", "1");
            }
            return request;
        }, (response, token) => ReadCappedAsync(response, maxResponseBytes, token), ct);

    /// <summary>Runs a request with retries; <paramref name="read"/> may throw <see cref="CorruptResponseException"/> to retry.</summary>
    public async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            string? hint = null;
            Uri? target = null;
            try
            {
                using var message = request();
                target = message.RequestUri;
                using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.IsSuccessStatusCode)
                {
                    return await read(response, ct);
                }
                if (!IsTransient(response.StatusCode))
                {
                    var (title, errorCode) = await ProblemAsync(response, ct);
                    throw new PhoneException($"The server refused the request ({(int)response.StatusCode} {response.ReasonPhrase}){title}.{RefusalHint(response.StatusCode, errorCode)}");
                }
                failure = $"the server answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = $"the network failed ({e.HttpRequestError})";
                hint = UnreachableHint(target);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = "the request timed out";
                hint = UnreachableHint(target);
            }
            catch (CorruptResponseException e)
            {
                failure = e.Message;
            }
            if (attempt >= _retry.MaxAttempts)
            {
                throw new PhoneException($"Giving up after {attempt} attempts to reach {Origin(target)}: {failure}.{hint}");
            }
            await Task.Delay(_retry.DelayBefore(attempt + 1, _random), _clock, ct);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.RequestTimeout || status == HttpStatusCode.TooManyRequests;

    /// <summary>The server's address only (never a path or query): what the user typed at <c>phone init</c>.</summary>
    private static string Origin(Uri? uri) => uri is null ? "the server" : uri.GetLeftPart(UriPartial.Authority) + "/";

    private static string UnreachableHint(Uri? uri) =>
        $" Is `gardefou serve` running at {Origin(uri)}? If not, start it; if the address is wrong, wipe the phone and run 'gardefou phone init --server <url>' again.";

    /// <summary>What the user can do about a refusal, from the problem's <c>errorCode</c> (the verification API's codes).</summary>
    private static string RefusalHint(HttpStatusCode status, string? errorCode) => (status, errorCode) switch
    {
        (_, "code_invalid" or "code_expired" or "code_not_found") =>
            " Verification codes are single-use and expire: ask the health worker for a new code.",
        (_, "token_invalid" or "token_expired") => " The code's token expired or was already used: ask the health worker for a new code.",
        (HttpStatusCode.Unauthorized, _) => " The verification server requires the app's API key: give it with 'gardefou phone init --api-key'.",
        _ => "",
    };

    private static async Task<(string Title, string? ErrorCode)> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await ReadCappedAsync(response, 8192, ct);
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                var errorCode = json.RootElement.TryGetProperty("errorCode", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.String ? code.GetString() : null;
                foreach (var name in new[] { "title", "error", "code" })
                {
                    if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return (": " + value.GetString(), errorCode);
                    }
                }
                return ("", errorCode);
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or CorruptResponseException or HttpRequestException)
        {
            // A refusal without a readable body is still a refusal; the status says enough.
        }
        return ("", null);
    }

    public static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw new CorruptResponseException($"the response is larger than {maxBytes} bytes");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new CorruptResponseException($"the response is larger than {maxBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The client: the caller's, or one shared client created on the first request.</summary>
    /// <remarks>Not at construction: opening a phone only to check an export file then never loads the HTTP stack.</remarks>
    private HttpClient Client => _options.Http ?? SharedClient.Instance;

    private static class SharedClient
    {
        public static readonly HttpClient Instance = new() { Timeout = TimeSpan.FromSeconds(30) };
    }
}
