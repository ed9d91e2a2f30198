using System.Net;
using System.Net.Sockets;
using Gardefou.Server;
using Gardefou.Verification.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Verification.Tests.Support;

/// <summary>
/// The verification role alone in the real host (tests/Shared/LoopbackHost: GardefouHost on 127.0.0.1), on a
/// throwaway store, with a <see cref="FakeTimeProvider"/> for a clock and every log record captured (the domain's at
/// Trace).
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly LoopbackHost _host;
    private readonly TestDatabase _database;

    private TestServer(LoopbackHost host, TestDatabase database, FakeTimeProvider time)
    {
        _host = host;
        _database = database;
        Time = time;
        Client = NewClient();
    }

    public FakeTimeProvider Time { get; }

    public Uri BaseAddress => _host.BaseAddress;

    public HttpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public VerificationStorage Storage => _database.Storage;

    public FakeLogCollector Logs => _host.Logs;

    public VerificationInitialization Initialization => Services.GetRequiredService<VerificationInitialization>();

    public static Task<TestServer> StartAsync(StoreKind kind, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(kind, settings, null);

    public static async Task<TestServer> StartAsync(StoreKind kind, IReadOnlyDictionary<string, string?>? settings, TestDatabase? existing)
    {
        var database = existing ?? await TestDatabase.CreateAsync(kind);
        var time = new FakeTimeProvider(Start);
        try
        {
            var host = await LoopbackHost.StartAsync(
                GardefouRoles.Verification, settings, postgres: database.PostgresConnectionString, clock: time, dataDirectory: database.DataDirectory);
            return new TestServer(host, database, time);
        }
        catch
        {
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
        await _host.DisposeAsync();
        return _database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var record in Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{record.Level} {record.Category}: {record.Message} {record.Exception}");
        }
        Client.Dispose();
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
