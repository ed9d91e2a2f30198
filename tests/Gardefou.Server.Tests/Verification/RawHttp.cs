using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gardefou.Server.Tests.Support;

namespace Gardefou.Server.Tests.Verification;

/// <summary>
/// An HTTP/1.1 exchange over a raw socket, so a test sees what a network observer sees: every byte of the answer
/// (status line, headers, body) and the time until the last one.
/// </summary>
internal static class RawHttp
{
    public sealed record Exchange(int Status, int WireBytes, double Milliseconds, string Head, string Body)
    {
        /// <summary>The header names of the answer, sorted, joined by commas (what the header set is).</summary>
        public string HeaderNames(params string[] except) => string.Join(',', Head.Split("\r\n").Skip(1)
            .Select(h => h[..h.IndexOf(':', StringComparison.Ordinal)])
            .Where(name => !except.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal));
    }

    /// <summary>Sends one request (from <paramref name="from"/>, a loopback address, 127.0.0.1 when null: the rate limiter counts per address) and reads the whole answer.</summary>
    public static async Task<Exchange> PostAsync(
        Uri server, string path, string json, bool chaff, string method = "POST", IPAddress? from = null, string contentType = "application/json", string? extraHeader = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append(chaff ? "X-Chaff: 1\r\n" : "")
            .Append(extraHeader is null ? "" : extraHeader + "\r\n")
            .Append("Connection: close\r\n\r\n");
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(from ?? IPAddress.Loopback, 0));
        await socket.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var started = Stopwatch.GetTimestamp();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), TestContext.Current.CancellationToken);
        await stream.WriteAsync(body, TestContext.Current.CancellationToken);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, TestContext.Current.CancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return new Exchange(status, (int)answer.Length, elapsed, text[..split], text[(split + 4)..]);
    }

    /// <summary>
    /// A loopback address of its own for every call (127.0.0.0/8 is all local on Linux), so that requests standing for
    /// many different phones never share the server's per-address rate-limit budget.
    /// </summary>
    public static IPAddress AnyPhoneAddress() =>
        new([127, (byte)Random.Shared.Next(10, 250), (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(1, 255)]);

    /// <summary>An HTTP client whose every connection comes from a fresh <see cref="AnyPhoneAddress"/>.</summary>
    public static HttpClient ManyPhonesClient(Uri baseAddress) =>
        // One connection per request, each from another address.
        Clients.BoundTo(baseAddress, AnyPhoneAddress, connectionLifetime: TimeSpan.Zero);
}
