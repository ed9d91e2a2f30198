using System.CommandLine;
using System.Globalization;
using Gardefou.Server;
using Microsoft.Extensions.Hosting;

namespace Gardefou.Cli.Commands;

/// <summary><c>gardefou serve</c>: runs the server (all roles by default) until Ctrl+C.</summary>
internal static class ServeCommand
{
    private const int DefaultDemoSites = 2000;

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory (SQLite files, exports)", DefaultValueFactory = _ => "data" };
        var urls = new Option<string>("--urls") { Description = "Listening URLs, semicolon-separated", DefaultValueFactory = _ => GardefouHostOptions.DefaultUrls };
        var roles = new Option<string>("--roles") { Description = "all, keys, verification, registry, or a comma list", DefaultValueFactory = _ => "all" };
        var exportPeriod = new Option<string?>("--export-period") { Description = "Export window, a timespan such as 01:00:00 or 00:00:05 (default one hour)" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (default: SQLite files under --data)" };
        var demoRegistry = new Option<int?>("--demo-registry") { Description = "Seed this many demo sites into the registry (default: 2000 on SQLite, none on PostgreSQL; 0 for none)" };
        var serve = new Command("serve", "Run the Gardefou server; extra --Section:Key=value arguments become configuration")
        {
            data, urls, roles, exportPeriod, postgres, demoRegistry,
        };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((result, ct) => RunAsync(
            result.GetValue(data)!, result.GetValue(urls)!, result.GetValue(roles), result.GetValue(exportPeriod),
            result.GetValue(postgres), result.GetValue(demoRegistry), result.UnmatchedTokens, ct));
        return serve;
    }

    private static async Task<int> RunAsync(string data, string urls, string? rolesText, string? periodText, string? postgres, int? demoRegistry, IReadOnlyList<string> settings, CancellationToken ct)
    {
        var unknown = settings.FirstOrDefault(s => !s.StartsWith("--", StringComparison.Ordinal) || !s.Contains(':', StringComparison.Ordinal) || !s.Contains('=', StringComparison.Ordinal));
        if (unknown is not null)
        {
            return Fail(UnknownArgument(unknown), ExitCodes.BadArguments);
        }
        if (!GardefouRolesParser.Parse(rolesText).TryGetValue(out var roles, out var error))
        {
            return Fail($"--roles: {error}", ExitCodes.BadArguments);
        }
        TimeSpan? period = null;
        if (periodText is not null)
        {
            if (!TimeSpan.TryParse(periodText, CultureInfo.InvariantCulture, out var parsed) || parsed < TimeSpan.FromSeconds(1))
            {
                return Fail("--export-period must be a timespan of at least one second, e.g. 01:00:00 or 00:00:05.", ExitCodes.BadArguments);
            }
            period = parsed;
        }
        if (demoRegistry is < 0)
        {
            return Fail("--demo-registry must not be negative.", ExitCodes.BadArguments);
        }
        // Before minutes of initialisation, and instead of Kestrel's logged stack trace: a busy port is one line.
        if (ListenCheck.FindProblem(urls) is { } listenProblem)
        {
            return Fail(listenProblem, ExitCodes.Failed);
        }

        var progress = new StartupProgress(Console.Out);
        progress.Step($"Starting Gardefou (roles: {roles}; data: {Path.GetFullPath(data)})");
        var options = new GardefouHostOptions
        {
            DataDirectory = data,
            Urls = urls,
            Roles = roles,
            ExportPeriod = period,
            PostgresConnectionString = postgres,
            // The README's first command should show a populated resource finder; production (PostgreSQL) starts empty.
            DemoRegistryCount = demoRegistry ?? (string.IsNullOrWhiteSpace(postgres) ? DefaultDemoSites : 0),
            Arguments = settings,
            Progress = progress.Step,
        };
        GardefouHost host;
        try
        {
            host = await GardefouHost.CreateAsync(options, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Fail($"could not start: {exception.Message}", ExitCodes.Failed);
        }
        await using (host)
        {
            try
            {
                await host.StartAsync(ct);
            }
            catch (IOException exception)
            {
                return Fail($"could not listen on {urls}: {exception.Message} Choose another address with --urls.", ExitCodes.Failed);
            }
            Console.WriteLine($"Gardefou is ready: {host.BaseAddress.ToString().TrimEnd('/')}");
            // The line the end-to-end simulation waits for; kept word for word.
            Console.WriteLine($"Gardefou is running at {host.BaseAddress} (roles: {roles}; data: {Path.GetFullPath(data)}). Press Ctrl+C to stop.");
            foreach (var note in host.StartupNotes)
            {
                Console.WriteLine($"  {note}");
            }
            await host.App.WaitForShutdownAsync(ct);
        }
        return ExitCodes.Ok;
    }

    /// <summary>An unknown argument, with the option meant when it is a common guess (<c>--port</c> is <c>--urls</c> here).</summary>
    private static string UnknownArgument(string argument)
    {
        var name = argument.Split('=', 2)[0];
        if (name is "--port" or "-p" or "--host" or "--url" or "--listen" or "--address")
        {
            return $"unknown option '{name}': use --urls to choose the listening address, e.g. --urls http://127.0.0.1:5081 (default {GardefouHostOptions.DefaultUrls}).";
        }
        return $"unknown argument '{argument}': see 'gardefou serve --help'; configuration settings are given as --Section:Key=value.";
    }

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
