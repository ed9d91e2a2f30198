using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gardefou.Server.Tests.Attack;

/// <summary>
/// The real <c>gardefou serve</c> in a child process (the built CLI through the same <c>dotnet</c> host as the tests),
/// on a fixed loopback port so that it comes back at the same address after a <c>kill -9</c>.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly string? _postgres;
    private readonly IReadOnlyList<string> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ServerProcess(string dataDirectory, string? postgres, IReadOnlyList<string> settings)
    {
        _dataDirectory = dataDirectory;
        _postgres = postgres;
        _settings = settings;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Whether the process is running and answered its readiness check.</summary>
    public bool IsUp { get; private set; }

    /// <summary>How many times the process was killed.</summary>
    public int Kills { get; private set; }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length > 3000 ? text[^3000..] : text;
            }
        }
    }

    /// <summary>Starts the server and waits until <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var arguments = new List<string>
        {
            "serve", "--data", _dataDirectory, "--urls", BaseAddress.ToString().TrimEnd('/'), "--roles", "keys,verification",
            "--export-period", "00:00:02", "--demo-registry", "0",
        };
        if (_postgres is not null)
        {
            arguments.AddRange(["--postgres", _postgres]);
        }
        arguments.AddRange(_settings);
        _process = Cli.Start(arguments, Append);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"gardefou serve exited with {_process.ExitCode}:\n{Tail}");
            }
            try
            {
                using var ready = await http.GetAsync("health/ready", ct);
                if (ready.IsSuccessStatusCode)
                {
                    IsUp = true;
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"gardefou serve was not ready within a minute:\n{Tail}");
    }

    /// <summary><c>kill -9</c>: no shutdown, no flush, no goodbye (Process.Kill sends SIGKILL on Unix).</summary>
    public async Task KillAsync()
    {
        IsUp = false;
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            Kills++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
