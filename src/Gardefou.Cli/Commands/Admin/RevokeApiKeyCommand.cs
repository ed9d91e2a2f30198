using System.CommandLine;
using Gardefou.Verification.Accounts;

namespace Gardefou.Cli.Commands.Admin;

/// <summary>
/// <c>gardefou admin revoke-api-key --data &lt;dir&gt; (--key-id &lt;id&gt; | --name &lt;label&gt; [--realm &lt;name&gt;]) [--postgres &lt;conn&gt;]</c>:
/// revokes a lab's API key; <c>POST /api/issue</c> refuses it from the next request on. Exit 0 revoked (or already
/// revoked), 1 the database failed, 2 bad arguments (no such key, an ambiguous name, no database there).
/// </summary>
internal static class RevokeApiKeyCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory of the server (opens <dir>/verification.db)", DefaultValueFactory = _ => "data" };
        var keyId = new Option<int?>("--key-id") { Description = "Id of the key, as create-api-key printed it" };
        var name = new Option<string?>("--name") { Description = "Label of the key (when only one active key of the realm has it)" };
        var realm = new Option<string>("--realm") { Description = "Realm of the key named by --name", DefaultValueFactory = _ => "demo" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (schema 'verification') instead of SQLite" };
        var command = new Command("revoke-api-key", "Revoke a lab's API key for POST /api/issue; it stops working at once")
        {
            data, keyId, name, realm, postgres,
        };
        command.SetAction(async (result, ct) =>
        {
            var id = result.GetValue(keyId);
            var label = result.GetValue(name);
            if (id is null == string.IsNullOrWhiteSpace(label))
            {
                await Console.Error.WriteLineAsync("revoke-api-key: give either --key-id ID or --name LABEL (create-api-key printed both).");
                return 2;
            }
            if (!VerificationDatabase.Open(result.GetValue(data), result.GetValue(postgres)).TryGetValue(out var services, out var problem))
            {
                await Console.Error.WriteLineAsync("revoke-api-key: " + problem);
                return 2;
            }
            await using (services)
            {
                try
                {
                    var revoked = await services.RevokeApiKeyAsync(id, label, result.GetValue(realm)!, ct);
                    Console.WriteLine(revoked.WasAlreadyRevoked
                        ? $"API key {revoked.Id} '{revoked.Name}' of realm '{revoked.Realm}' was already revoked."
                        : $"API key {revoked.Id} '{revoked.Name}' of realm '{revoked.Realm}' revoked: POST /api/issue refuses it from now on.");
                    return 0;
                }
                catch (ArgumentException e)
                {
                    await Console.Error.WriteLineAsync("revoke-api-key: " + e.Message);
                    return 2;
                }
                catch (Exception e) when (VerificationDatabase.IsDatabaseFailure(e))
                {
                    await Console.Error.WriteLineAsync("revoke-api-key: cannot read or write the verification database: " + e.GetBaseException().Message);
                    return 1;
                }
            }
        });
        return command;
    }
}
