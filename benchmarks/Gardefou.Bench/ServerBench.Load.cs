using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Spectre.Console;

namespace Gardefou.Bench;

/// <summary>The load phases: certificates issued through the verification API, the baseline, the timed publishes.</summary>
public static partial class ServerBench
{
    private sealed record PhaseResult(int Succeeded, int Failed, TimeSpan Elapsed, double P50, double P99, TimeSpan Cpu);

    private sealed record Baseline(double PerSecond, double P50, double P99, int Failed, TimeSpan Cpu, int Requests);

    /// <summary>Issue → verify → certificate for each upload, through the real API, before the timed phase.</summary>
    private static async Task<ConcurrentQueue<byte[]>> PrepareAsync(HttpClient http, string apiKey, int count, int clients, Table table, CancellationToken ct, string where = "in-process")
    {
        var bodies = new ConcurrentQueue<byte[]>();
        var started = Stopwatch.GetTimestamp();
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Issuing {count:N0} certificates through /api/issue, /api/verify, /api/certificate", maxValue: count);
            var next = -1;
            await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = ct }, async (_, token) =>
            {
                while (Interlocked.Increment(ref next) < count)
                {
                    bodies.Enqueue(await PrepareOneAsync(http, apiKey, token));
                    task.Increment(1);
                }
            });
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        table.AddRow($"certificate preparation (issue + verify + certificate), untimed phase, {where}", $"{count / elapsed.TotalSeconds:N0} / s ({count:N0} in {elapsed.TotalSeconds:F1} s)", "-", "-");
        return bodies;
    }

    private static async Task<byte[]> PrepareOneAsync(HttpClient http, string apiKey, CancellationToken ct)
    {
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/issue")
        {
            Content = JsonContent.Create(new { testType = "confirmed", testDate = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
        };
        issue.Headers.Add("X-API-Key", apiKey);
        var code = (await SendAsync(http, issue, ct)).GetProperty("code").GetString();
        var token = (await PostAsync(http, "/api/verify", new { code }, ct)).GetProperty("token").GetString();

        var today = EnIntervalNumber.FromTime(DateTimeOffset.UtcNow).DayStart.Value;
        var keys = new List<object>(KeysPerUpload);
        var macKeys = new List<TekMacKey>(KeysPerUpload);
        for (var day = 1; day <= KeysPerUpload; day++)
        {
            var key = TemporaryExposureKey.Generate().ToBase64();
            var start = today - (day * EnIntervalNumber.IntervalsPerDay);
            keys.Add(new { key, rollingStartNumber = start, rollingPeriod = 144, transmissionRisk = 0 });
            macKeys.Add(new TekMacKey(key, start, 144, 0));
        }
        var secret = RandomNumberGenerator.GetBytes(32);
        var ekeyhmac = Convert.ToBase64String(TekMac.Compute(secret, macKeys));
        var certificate = (await PostAsync(http, "/api/certificate", new { token, ekeyhmac }, ct)).GetProperty("certificate").GetString();
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            temporaryExposureKeys = keys,
            healthAuthorityID = "demo",
            verificationPayload = certificate,
            hmacKey = Convert.ToBase64String(secret),
            traveler = false,
            padding = Convert.ToBase64String(RandomNumberGenerator.GetBytes(768)),
        });
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        return await SendAsync(http, request, ct);
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}: {text}");
        }
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The cheapest authenticated-nothing round trip through the same host and client: the floor of any request.</summary>
    private static async Task<Baseline> HealthBaselineAsync(HttpClient http, int clients, int seconds, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var cpu = ProcessCpu();
        var deadline = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = ct }, async (_, token) =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync("/health/live", token);
                await response.Content.ReadAsByteArrayAsync(token);
                latencies.Add(Since(start));
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        cpu = ProcessCpu() - cpu;
        var list = latencies.ToList();
        var (p50, p99) = Percentiles(list);
        return new Baseline(list.Count / elapsed.TotalSeconds, p50, p99, failed, cpu, list.Count);
    }

    private static async Task<PhaseResult> PublishPhaseAsync(HttpClient http, ConcurrentQueue<byte[]> bodies, int clients, TimeSpan duration, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double>();
        var succeeded = 0;
        var failed = 0;
        var cpu = ProcessCpu();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await AnsiConsole.Status().StartAsync($"Publishing with {clients} clients for up to {duration.TotalSeconds:0} s…", async _ =>
            await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = ct }, async (_, token) =>
            {
                while (Stopwatch.GetTimestamp() < deadline && bodies.TryDequeue(out var body))
                {
                    var start = Stopwatch.GetTimestamp();
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new("application/json") { CharSet = Encoding.UTF8.WebName };
                    using var response = await http.PostAsync("/v1/publish", content, token);
                    await response.Content.ReadAsByteArrayAsync(token);
                    latencies.Add(Since(start));
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref succeeded);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        cpu = ProcessCpu() - cpu;
        var (p50, p99) = Percentiles([.. latencies]);
        return new PhaseResult(succeeded, failed, elapsed, p50, p99, cpu);
    }

    /// <summary>CPU time of this process (server and clients together): unlike wall-clock rates, it barely moves when other work shares the cores.</summary>
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
