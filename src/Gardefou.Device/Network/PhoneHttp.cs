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

    public Task<byte[]> GetBytesAsync(Uri uri, int maxBytes, CancellationToken ct) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), (response, token) => ReadCappedAsync(response, maxBytes, token), ct);

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
            try
            {
                using var message = request();
                using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.IsSuccessStatusCode)
                {
                    return await read(response, ct);
                }
                if (!IsTransient(response.StatusCode))
                {
                    throw new PhoneException($"The server refused the request ({(int)response.StatusCode} {response.ReasonPhrase}){await ProblemTitleAsync(response, ct)}.");
                }
                failure = $"the server answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = $"the network failed ({e.HttpRequestError})";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = "the request timed out";
            }
            catch (CorruptResponseException e)
            {
                failure = e.Message;
            }
            if (attempt >= _retry.MaxAttempts)
            {
                throw new PhoneException($"Giving up after {attempt} attempts: {failure}.");
            }
            await Task.Delay(_retry.DelayBefore(attempt + 1, _random), _clock, ct);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.RequestTimeout || status == HttpStatusCode.TooManyRequests;

    private static async Task<string> ProblemTitleAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await ReadCappedAsync(response, 8192, ct);
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var name in new[] { "title", "error", "code" })
                {
                    if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return ": " + value.GetString();
                    }
                }
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or CorruptResponseException or HttpRequestException)
        {
            // A refusal without a readable body is still a refusal; the status says enough.
        }
        return "";
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
