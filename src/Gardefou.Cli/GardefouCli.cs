using System.CommandLine;
using Gardefou.Cli.Commands;

namespace Gardefou.Cli;

/// <summary>The <c>gardefou</c> command: its table of contents and the exit-code rules shared by every command.</summary>
internal static class GardefouCli
{
    /// <summary>The root command; each feature owns its command file under Commands/.</summary>
    public static RootCommand Create() => new("Gardefou: privacy-first exposure notification, resource finder and evaluator.")
    {
        ProtocolCommand.Create(),
        ServeCommand.Create(),
        ExportCommand.Create(),
        PhoneCommand.Create(),
        AdminCommand.Create(),
        BenchCommand.Create(),
        SimulateCommand.Create(),
    };

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A parse error (unknown option, missing required option, value of the
    /// wrong type) prints its message and the help, and exits <see cref="ExitCodes.BadArguments"/> where
    /// System.CommandLine would exit 1. An unexpected exception is one line on stderr and <see cref="ExitCodes.Failed"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Create().Parse(args);
        try
        {
            var exit = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            return parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction ? ExitCodes.BadArguments : exit;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // A failure no command anticipated: one readable line rather than a stack trace, and still a runtime failure.
            await Console.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message} (unexpected; please report it with the command you ran)");
            return ExitCodes.Failed;
        }
    }
}
