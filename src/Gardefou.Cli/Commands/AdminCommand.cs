using System.CommandLine;

namespace Gardefou.Cli.Commands;

/// <summary><c>gardefou admin …</c>: operator tasks run on the server's data directory.</summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Operator tasks on a data directory (credentials, keys)")
    {
        // One line per task: Admin.XCommand.Create(),
        Admin.CreateApiKeyCommand.Create(),
        Admin.RevokeApiKeyCommand.Create(),
        Admin.ResetPasswordCommand.Create(),
        Admin.CreateSiteCredentialCommand.Create(),
    };
}
