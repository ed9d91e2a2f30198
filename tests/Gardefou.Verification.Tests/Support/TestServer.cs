using System.Net;
using System.Net.Sockets;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Verification.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a minimal host that adds, initializes and maps the verification
/// domain, as Gardefou.Server does; the clock is a <see cref="FakeTimeProvider"/> and logs are captured.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly TestDatabase _database;

    private TestServer(WebApplication app, TestDatabase database, FakeTimeProvider time)
    {
        _app = app;
        _database = database;
        Time = time;
        BaseAddress = new Uri(app.Urls.First());
        Client = NewClient();
    }

    public FakeTimeProvider Time { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public VerificationStorage Storage => _database.Storage;

    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    public VerificationInitialization Initialization => _app.Services.GetRequiredService<VerificationInitialization>();

    public static Task<TestServer> StartAsync(StoreKind kind, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(kind, settings, null);

    public static async Task<TestServer> StartAsync(StoreKind kind, IReadOnlyDictionary<string, string?>? settings, TestDatabase? existing)
    {
        var database = existing ?? await TestDatabase.CreateAsync(kind);
        var time = new FakeTimeProvider(Start);
        var builder = LoopbackHost.CreateBuilder(time, LogLevel.Debug, collectFilteredRecords: false, settings);
        builder.Services.AddVerificationDomain(database.Storage, builder.Configuration);
        var app = builder.Build();
        try
        {
            await app.Services.InitializeVerificationDomainAsync(TestContext.Current.CancellationToken);
            app.MapVerificationDomain();
            await app.StartAsync(TestContext.Current.CancellationToken);
            return new TestServer(app, database, time);
        }
        catch
        {
            await app.DisposeAsync();
            if (existing is null)
            {
                await database.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>The address test clients connect from, so a test can tell it apart from the server's 127.0.0.1.</summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    public HttpClient NewClient(bool followRedirects = true, IPAddress? from = null, CookieContainer? cookies = null)
    {
        var local = from ?? ClientAddress;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies ?? new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = followRedirects,
            ConnectCallback = ConnectFrom(local),
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>A connect callback that binds the client's end to <paramref name="local"/>.</summary>
    public Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress local) => async (context, ct) =>
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    public Task<CreatedApiKey> CreateApiKeyAsync(string realm = "demo") =>
        Services.CreateApiKeyAsync(realm, "test lab", TestContext.Current.CancellationToken);

    /// <summary>Stops the server but keeps its database, to start another server on it.</summary>
    public async Task<TestDatabase> StopKeepingDatabaseAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        return _database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var record in Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{record.Level} {record.Category}: {record.Message} {record.Exception}");
        }
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
