using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;

namespace Gardefou.Simulation.EndToEnd;

/// <summary>
/// The key and verification server of an end-to-end run: either a real <c>gardefou serve</c> child process on a
/// free loopback port with its own temporary data directory (<see cref="StartAsync"/>), or a running server given by
/// its address and a lab API key (<see cref="ConnectAsync"/>). The simulation only talks to it over HTTP.
/// </summary>
public sealed partial class EndToEndServer : IAsyncDisposable
{
    private const int MaxIndexBytes = 1024 * 1024;
    private readonly Process? _process;
    private readonly string? _ownedDirectory;

    private EndToEndServer(Uri baseAddress, string apiKey, string pem, Process? process, string? ownedDirectory)
    {
        BaseAddress = baseAddress;
        ApiKey = apiKey;
        ExportPublicKeyPem = pem;
        _process = process;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The server's base address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The lab API key used for <c>POST /api/issue</c>.</summary>
    internal string ApiKey { get; }

    /// <summary>The export signing public key, pinned by every phone (as an app ships it).</summary>
    public string ExportPublicKeyPem { get; }

    /// <summary>Whether this object started the server process (and stops it when disposed).</summary>
    public bool OwnsProcess => _process is not null;

    /// <summary>
    /// Starts <c>gardefou serve</c> with all roles on SQLite in a new directory under <paramref name="workDirectory"/>,
    /// on <c>127.0.0.1:0</c>, with a one-second export period, then creates a lab API key with
    /// <c>gardefou admin create-api-key</c>. Two settings differ from a production server, and only in what costs time:
    /// the per-client rate limit is off (every phone of the town shares 127.0.0.1) and export padding is off (padding
    /// keys never match; each would cost every phone 144 AES blocks per file).
    /// </summary>
    public static async Task<EndToEndServer> StartAsync(GardefouLauncher launcher, string workDirectory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        var data = Path.Combine(Path.GetFullPath(workDirectory), "server");
        Directory.CreateDirectory(data);
        var process = Start(launcher, "serve", "--data", data, "--urls", "http://127.0.0.1:0", "--export-period", "00:00:01", "--demo-registry", "0",
            "--Hosting:RateLimit:PermitsPerSecond=0", "--Keys:MinimumBatchSize=0", "--Keys:PaddingJitter=0", "--Logging:LogLevel:Default=Warning");
        try
        {
            var address = await ReadAddressAsync(process, ct);
            var (exit, output, errors) = await RunAsync(launcher, ct, "admin", "create-api-key", "--data", data, "--name", "simulation-lab");
            if (exit != 0)
            {
                throw new InvalidOperationException($"gardefou admin create-api-key failed ({exit}): {errors.Trim()}");
            }
            var apiKey = output.Trim().Split('\n')[^1].Trim();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var pem = await http.GetStringAsync(new Uri(address, "v1/exports/public-key.pem"), ct);
            return new EndToEndServer(address, apiKey, pem, process, data);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>Uses a server that is already running; <paramref name="apiKey"/> is a lab key of its verification role.</summary>
    public static async Task<EndToEndServer> ConnectAsync(Uri server, string apiKey, HttpClient http, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("--server must be an absolute http or https URL.");
        }
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        var pem = await http.GetStringAsync(new Uri(baseAddress, "v1/exports/public-key.pem"), ct);
        return new EndToEndServer(baseAddress, apiKey.Trim(), pem, null, null);
    }

    /// <summary>Stops the child process (if this object started it) and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            Stop(_process);
            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
        }
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory))
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }

    /// <summary>A lab issues a code for a confirmed test (and the symptom onset when known).</summary>
    internal async Task<string> IssueCodeAsync(HttpClient http, string testDate, string? symptomDate, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "api/issue"))
        {
            Content = JsonContent.Create(new Dictionary<string, string?> { ["testType"] = "confirmed", ["testDate"] = testDate, ["symptomDate"] = symptomDate }),
        };
        request.Headers.Add("X-API-Key", ApiKey);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/issue answered {(int)response.StatusCode}: {body}");
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("code").GetString() ?? throw new InvalidOperationException("POST /api/issue returned no code.");
    }

    /// <summary>The export files the server lists now, oldest first.</summary>
    internal async Task<IReadOnlyList<string>> ListExportsAsync(HttpClient http, CancellationToken ct)
    {
        var text = await http.GetStringAsync(new Uri(BaseAddress, "v1/exports/index.txt"), ct);
        if (text.Length > MaxIndexBytes)
        {
            throw new InvalidOperationException("The export index is larger than 1 MB.");
        }
        return [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
    }

    /// <summary>The keys of one export file, after checking its signature with the pinned key.</summary>
    internal async Task<IReadOnlyList<TemporaryExposureKey>> ReadExportKeysAsync(HttpClient http, string path, CancellationToken ct)
    {
        var zip = await http.GetByteArrayAsync(new Uri(BaseAddress, "v1/exports/" + path), ct);
        var contents = ExportFileReader.Read(zip);
        using var key = ECDsa.Create();
        key.ImportFromPem(ExportPublicKeyPem);
        if (!ExportSignatureVerifier.Verify(contents, key))
        {
            throw new InvalidOperationException($"Export '{path}' is not signed by the pinned key.");
        }
        return [.. contents.Batch.Keys.Select(k => k.Key)];
    }

    private static Process Start(GardefouLauncher launcher, params string[] arguments)
    {
        var start = new ProcessStartInfo(launcher.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in launcher.Prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launcher.FileName}.");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(GardefouLauncher launcher, CancellationToken ct, params string[] arguments)
    {
        using var process = Start(launcher, arguments);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await errors);
    }

    // The server prints "Gardefou is running at <url> (...)" once listening; later output is drained and dropped.
    private static async Task<Uri> ReadAddressAsync(Process process, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (RunningAt().Match(line) is { Success: true } match)
            {
                _ = DrainAsync(process.StandardOutput);
                var url = match.Groups[1].Value;
                return new Uri(url.EndsWith('/') ? url : url + "/");
            }
        }
        await process.WaitForExitAsync(timeout.Token);
        throw new InvalidOperationException($"gardefou serve stopped before listening ({process.ExitCode}): {(await errors).Trim()}");
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        while (await reader.ReadAsync(buffer) > 0)
        {
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"Gardefou is running at (\S+) ")]
    private static partial Regex RunningAt();
}
