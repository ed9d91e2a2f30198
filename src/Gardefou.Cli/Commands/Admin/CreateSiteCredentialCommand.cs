using System.CommandLine;
using Gardefou.Registry.Operators;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Cli.Commands.Admin;

/// <summary>
/// <c>gardefou admin create-site-credential --data &lt;dir&gt; --site &lt;siteId&gt;</c>: issues a revocable site
/// credential in <c>&lt;dir&gt;/registry.db</c> (or the registry schema of <c>--postgres</c>) and prints it once.
/// </summary>
internal static class CreateSiteCredentialCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory holding registry.db", Required = true };
        var site = new Option<string>("--site") { Description = "Id of the site the credential is for", Required = true };
        var label = new Option<string>("--label") { Description = "A note to recognise the credential later (e.g. \"till 2\")", DefaultValueFactory = _ => "cli" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (registry schema) instead of SQLite" };
        var command = new Command("create-site-credential", "Issue a site credential and print it once") { data, site, label, postgres };
        command.SetAction((result, ct) => RunAsync(result.GetValue(data)!, result.GetValue(site)!, result.GetValue(label)!, result.GetValue(postgres), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo data, string siteId, string label, string? postgres, CancellationToken ct)
    {
        var storage = postgres is null ? RegistryStorage.ForDataDirectory(data.FullName) : RegistryStorage.ForPostgres(postgres, data.FullName);
        if (postgres is null && !File.Exists(storage.SqlitePath))
        {
            await Console.Error.WriteLineAsync($"error: no registry database at {storage.SqlitePath} (run `gardefou serve --data {data.FullName}` once first).");
            return 2;
        }
        try
        {
            await using var db = RegistryDatabase.Open(storage);
            await RegistryDatabase.EnsureCreatedAsync(db, ct);
            var (credential, id) = await SiteCredentials.IssueAsync(db, siteId, label, DateTimeOffset.UtcNow, ct);
            Console.WriteLine(credential);
            await Console.Error.WriteLineAsync($"Credential {id} issued for site {siteId}. It is shown only now; store it with the site.");
            return 0;
        }
        catch (KeyNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: no site with id '{siteId}' in the registry.");
            return 1;
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or ArgumentException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"error: the registry database could not be used: {e.GetBaseException().Message}");
            return 1;
        }
    }
}
