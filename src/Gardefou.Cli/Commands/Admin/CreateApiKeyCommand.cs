using System.CommandLine;
using Gardefou.Verification;
using Gardefou.Verification.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Cli.Commands.Admin;

/// <summary>
/// <c>gardefou admin create-api-key --data &lt;dir&gt; [--realm &lt;name&gt;] [--name &lt;label&gt;] [--kind admin|device] [--postgres &lt;conn&gt;]</c>:
/// creates an API key with which a lab issues codes through <c>POST /api/issue</c> (Google's ADMIN kind), or with
/// which an app calls <c>/api/verify</c> and <c>/api/certificate</c> (DEVICE), and prints it once.
/// </summary>
internal static class CreateApiKeyCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory of the server (opens <dir>/verification.db)", DefaultValueFactory = _ => "data" };
        var realm = new Option<string>("--realm") { Description = "Realm (health authority) the key issues codes for; created if missing", DefaultValueFactory = _ => "demo" };
        var name = new Option<string>("--name") { Description = "Label of the key: who holds it", DefaultValueFactory = _ => "lab" };
        var kind = new Option<ApiKeyKind>("--kind") { Description = "admin: a lab's key for POST /api/issue; device: an app's key for /api/verify and /api/certificate", DefaultValueFactory = _ => ApiKeyKind.Admin };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (schema 'verification') instead of SQLite" };
        var command = new Command("create-api-key", "Create an API key for POST /api/issue and print it once (only its hash is stored)")
        {
            data, realm, name, kind, postgres,
        };
        command.SetAction(async (result, ct) =>
        {
            var postgresConnection = result.GetValue(postgres);
            var storage = string.IsNullOrWhiteSpace(postgresConnection)
                ? VerificationStorage.ForDataDirectory(result.GetValue(data)!)
                : VerificationStorage.ForPostgres(postgresConnection);
            var services = new ServiceCollection().AddLogging();
            services.AddVerificationDomain(storage);
            await using var provider = services.BuildServiceProvider();
            try
            {
                var created = await provider.CreateApiKeyAsync(result.GetValue(realm)!, result.GetValue(name)!, result.GetValue(kind), ct);
                if (created.RealmCreated)
                {
                    await Console.Error.WriteLineAsync($"Realm '{created.Realm}' did not exist and was created.");
                }
                await Console.Error.WriteLineAsync($"API key '{created.Name}' (id {created.KeyId}) for realm '{created.Realm}'. It is shown only once (revoke it with `gardefou admin revoke-api-key --key-id {created.KeyId}`); send it in the X-API-Key header of {(result.GetValue(kind) == ApiKeyKind.Device ? "POST /api/verify and /api/certificate" : "POST /api/issue")}:");
                Console.WriteLine(created.Key);
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync("create-api-key: " + e.Message);
                return 2;
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync("create-api-key: cannot open or write the verification database: " + e.Message);
                return 1;
            }
        });
        return command;
    }
}
