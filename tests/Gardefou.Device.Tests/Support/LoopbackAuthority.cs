using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gardefou.Device.Tests.Support;

/// <summary>
/// A minimal health authority on real loopback HTTP (Kestrel, 127.0.0.1:0) for the phone's unit tests: it serves
/// signed export files the test places, hands out one token per known code and a certificate that simply carries
/// the HMAC it was asked for, and records every publish request. The full server is exercised by the end-to-end tests.
/// </summary>
internal sealed class LoopbackAuthority : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _index = [];
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly ConcurrentDictionary<string, bool> _codes = new();
    private int _failuresLeft;

    private LoopbackAuthority(WebApplication app) => _app = app;

    public ExportSigningKey SigningKey { get; } = ExportSigningKey.Generate("310", "v1");

    public string PublicKeyPem => SigningKey.PrivateKey.ExportSubjectPublicKeyInfoPem();

    public Uri Url { get; private set; } = null!;

    /// <summary>Every publish request received: body, whether it carried X-Chaff, the HMAC certified for it.</summary>
    public ConcurrentQueue<(byte[] Body, bool Chaff)> Publishes { get; } = new();

    public ConcurrentQueue<string> CertifiedHmacs { get; } = new();

    /// <summary>The body of every real (not chaff) <c>/api/verify</c>.</summary>
    public ConcurrentQueue<byte[]> VerifyBodies { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every POST: path, body size and whether it carried X-Chaff.</summary>
    public ConcurrentQueue<(string Path, long Size, bool Chaff)> Posts { get; } = new();

    public static async Task<LoopbackAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var authority = new LoopbackAuthority(app);
        authority.Map();
        await app.StartAsync();
        authority.Url = new Uri(app.Urls.First() + "/");
        return authority;
    }

    /// <summary>The next <paramref name="count"/> requests get 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public void AddCode(string code) => _codes[code] = true;

    /// <summary>Publishes a file under <paramref name="path"/> (listed last in the index).</summary>
    public void AddFile(string path, byte[] zip)
    {
        _files[path] = zip;
        lock (_index)
        {
            _index.Add(path);
        }
    }

    /// <summary>A signed export file holding <paramref name="keys"/>.</summary>
    public byte[] Export(IReadOnlyList<DiagnosisKey> keys, ExportSigningKey? signer = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        return ExportFileWriter.WriteToArray(new ExportBatch("US", 1, 1, now, now.AddHours(1), keys), [signer ?? SigningKey]);
    }

    /// <summary>Every non-chaff key published so far, as diagnosis keys.</summary>
    public IReadOnlyList<DiagnosisKey> PublishedKeys()
    {
        var keys = new List<DiagnosisKey>();
        foreach (var (body, chaff) in Publishes)
        {
            if (chaff)
            {
                continue;
            }
            using var json = JsonDocument.Parse(body);
            foreach (var k in json.RootElement.GetProperty("temporaryExposureKeys").EnumerateArray())
            {
                TemporaryExposureKey.TryFromBase64(k.GetProperty("key").GetString(), out var tek);
                var validity = new KeyValidity(new EnIntervalNumber(k.GetProperty("rollingStartNumber").GetInt32()), k.GetProperty("rollingPeriod").GetInt32());
                keys.Add(new DiagnosisKey(tek, validity, 2, ReportType.ConfirmedTest));
            }
        }
        return keys;
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue(context.Request.Method + " " + context.Request.Path + context.Request.QueryString);
            if (HttpMethods.IsPost(context.Request.Method))
            {
                context.Request.EnableBuffering();
                using var copy = new MemoryStream();
                await context.Request.Body.CopyToAsync(copy);
                context.Request.Body.Position = 0;
                Posts.Enqueue((context.Request.Path, copy.Length, context.Request.Headers["X-Chaff"] == "1"));
            }
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                context.Response.StatusCode = 503;
                return;
            }
            await next(context);
        });
        _app.MapGet("/v1/exports/public-key.pem", () => Results.Text(PublicKeyPem));
        _app.MapGet("/v1/exports/index.txt", (string? after) =>
        {
            lock (_index)
            {
                var start = after is null ? 0 : _index.IndexOf(after) + 1;
                return Results.Text(string.Join('\n', _index.Skip(start)) + "\n");
            }
        });
        _app.MapGet("/v1/exports/{**path}", (string path) =>
            _files.TryGetValue(path, out var zip) ? Results.Bytes(zip, "application/zip") : Results.NotFound());
        _app.MapPost("/api/verify", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            if (request.Headers["X-Chaff"] != "1")
            {
                VerifyBodies.Enqueue(buffer.ToArray());
            }
            using var json = JsonDocument.Parse(buffer.ToArray());
            var code = json.RootElement.GetProperty("code").GetString() ?? "";
            return request.Headers["X-Chaff"] == "1" || _codes.TryRemove(code, out _)
                ? Results.Json(new { token = "token-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), testtype = "confirmed" })
                : Results.Problem(title: "code_invalid", statusCode: 400);
        });
        _app.MapPost("/api/certificate", async (HttpRequest request) =>
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            var hmac = json.RootElement.GetProperty("ekeyhmac").GetString() ?? "";
            if (request.Headers["X-Chaff"] != "1")
            {
                CertifiedHmacs.Enqueue(hmac);
            }
            return Results.Json(new { certificate = "cert." + Convert.ToBase64String(Encoding.UTF8.GetBytes(hmac)) });
        });
        _app.MapPost("/v1/publish", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            Publishes.Enqueue((buffer.ToArray(), request.Headers["X-Chaff"] == "1"));
            return Results.Json(new { insertedExposures = 0, padding = "" });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
