using System.Net;
using System.Net.Sockets;

namespace Gardefou.Server.Tests.Support;

/// <summary>HTTP clients for tests.</summary>
internal static class Clients
{
    /// <summary>The address the privacy tests connect from, so that any trace of it in logs or databases is unambiguous.</summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    /// <summary>A client whose connections come from <see cref="ClientAddress"/>.</summary>
    public static HttpClient FromDistinctAddress(Uri baseAddress) => BoundTo(baseAddress, () => ClientAddress);

    /// <summary>
    /// A client whose every new connection is bound to the address <paramref name="source"/> gives (loopback has all
    /// of 127.0.0.0/8), so the server sees the client address the test chose.
    /// </summary>
    public static HttpClient BoundTo(Uri baseAddress, Func<IPAddress> source, TimeSpan? connectionLifetime = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = connectionLifetime ?? Timeout.InfiniteTimeSpan,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source(), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Polls <paramref name="path"/> until it returns a non-empty body or the timeout passes.</summary>
    public static async Task<string> WaitForNonEmptyAsync(HttpClient client, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var text = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
            if (text.Length > 0 || DateTime.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
