using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Gardefou.Server.Tests.Verification;

/// <summary>
/// An HTTP/1.1 exchange over a raw socket, so a test sees what a network observer sees: every byte of the answer
/// (status line, headers, body) and the time until the last one.
/// </summary>
internal static class RawHttp
{
    public sealed record Exchange(int Status, int WireBytes, double Milliseconds, string Head, string Body);

    public static async Task<Exchange> PostAsync(Uri server, string path, string json, bool chaff, string method = "POST")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append(chaff ? "X-Chaff: 1\r\n" : "")
            .Append("Connection: close\r\n\r\n");
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
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
}
