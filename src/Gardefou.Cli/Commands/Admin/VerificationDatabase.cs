using Gardefou.Hosting.Results;
using Gardefou.Verification;
using Gardefou.Verification.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Cli.Commands.Admin;

/// <summary>Opens the verification database of a data directory (or PostgreSQL) for an admin task, without creating one.</summary>
internal static class VerificationDatabase
{
    /// <summary>The services over an existing database, or the message to print (exit 2) when there is none.</summary>
    public static Outcome<ServiceProvider, string> Open(string? data, string? postgres)
    {
        VerificationStorage storage;
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            storage = VerificationStorage.ForPostgres(postgres);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(data))
            {
                return Outcome.Fail("give --data DIR (the server's data directory) or --postgres.");
            }
            storage = VerificationStorage.ForDataDirectory(data);
            if (!File.Exists(storage.SqlitePath))
            {
                return Outcome.Fail($"no verification database at {storage.SqlitePath}: check --data (the folder given to `gardefou serve --data`).");
            }
        }
        var services = new ServiceCollection().AddLogging();
        services.AddVerificationDomain(storage);
        return services.BuildServiceProvider();
    }

    /// <summary>Whether <paramref name="e"/> is the database failing (exit 1) rather than a bug.</summary>
    public static bool IsDatabaseFailure(Exception e) =>
        e is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException
            or IOException or UnauthorizedAccessException or InvalidOperationException;
}
