using System.CommandLine;
using Gardefou.Cli.Commands;

// The table of contents of the `gardefou` command: each feature owns its command file under Commands/.
var root = new RootCommand("Gardefou: privacy-first exposure notification, resource finder and evaluator.")
{
    ProtocolCommand.Create(),
    ServeCommand.Create(),
    ExportCommand.Create(),
    PhoneCommand.Create(),
    AdminCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
