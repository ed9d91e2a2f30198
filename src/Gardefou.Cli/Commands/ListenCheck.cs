using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Cli.Commands;

/// <summary>
/// Tries each listening address of <c>serve --urls</c> before the server starts, so that a busy port is reported in
/// one line at once rather than after initialisation and under Kestrel's logged stack trace.
/// </summary>
internal static class ListenCheck
{
    /// <summary>A one-line message naming the first address that cannot be bound and what to do; null when all can (or cannot be checked).</summary>
    public static string? FindProblem(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                return $"--urls: '{url}' is not a listening address; give one such as http://127.0.0.1:5080.";
            }
            if (address.IsUnixPipe || address.Port == 0 || EndpointOf(address.Host) is not { } ip)
            {
                continue; // A pipe, a port the system picks, or a host name: Kestrel resolves and reports those.
            }
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // Listen too: on Linux two SO_REUSEADDR sockets may both bind, and only listen() finds the conflict.
                socket.Bind(new IPEndPoint(ip, address.Port));
                socket.Listen(1);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"cannot listen on {url}: port {address.Port} is already in use (is another `gardefou serve` running?). Stop it, or choose a free port with --urls, e.g. --urls {address.Scheme}://{address.Host}:{address.Port + 1}.";
            }
            catch (SocketException e)
            {
                return $"cannot listen on {url}: {e.Message}. Choose another address with --urls.";
            }
        }
        return null;
    }

    private static IPAddress? EndpointOf(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ => IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip : null,
    };
}
