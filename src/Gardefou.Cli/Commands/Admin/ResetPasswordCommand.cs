using System.CommandLine;
using Gardefou.Verification.Accounts;

namespace Gardefou.Cli.Commands.Admin;

/// <summary>
/// <c>gardefou admin reset-password --data &lt;dir&gt; --user &lt;name&gt; [--postgres &lt;conn&gt;]</c>: gives a health worker
/// a new generated password, printed once on stdout, and ends all their portal sessions (e.g. a demo admin password
/// that scrolled away). Exit 0 done, 1 the database failed, 2 bad arguments (no such user, no database there).
/// </summary>
internal static class ResetPasswordCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory of the server (opens <dir>/verification.db)", DefaultValueFactory = _ => "data" };
        var user = new Option<string?>("--user") { Description = "User name of the health worker (e.g. demo-admin)" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (schema 'verification') instead of SQLite" };
        var command = new Command("reset-password", "Set a new generated password for a portal user, print it once, and end their sessions")
        {
            data, user, postgres,
        };
        command.SetAction(async (result, ct) =>
        {
            var userName = result.GetValue(user);
            if (string.IsNullOrWhiteSpace(userName))
            {
                await Console.Error.WriteLineAsync("reset-password: give --user NAME (the portal user name, e.g. demo-admin).");
                return 2;
            }
            if (!VerificationDatabase.Open(result.GetValue(data), result.GetValue(postgres)).TryGetValue(out var services, out var problem))
            {
                await Console.Error.WriteLineAsync("reset-password: " + problem);
                return 2;
            }
            await using (services)
            {
                try
                {
                    var password = await services.ResetPasswordAsync(userName, ct);
                    await Console.Error.WriteLineAsync($"New password of '{userName}', shown only now; their portal sessions are ended:");
                    Console.WriteLine(password);
                    return 0;
                }
                catch (ArgumentException e)
                {
                    await Console.Error.WriteLineAsync("reset-password: " + e.Message);
                    return 2;
                }
                catch (Exception e) when (VerificationDatabase.IsDatabaseFailure(e))
                {
                    await Console.Error.WriteLineAsync("reset-password: cannot read or write the verification database: " + e.GetBaseException().Message);
                    return 1;
                }
            }
        });
        return command;
    }
}
