using System.Text.Json;
using Gardefou.Keys.Features.Export;
using Gardefou.Keys.Features.Publish;
using Gardefou.Keys.Features.Retention;
using Gardefou.Keys.Storage;
using Gardefou.Protocol.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Keys.Tests.Support;

/// <summary>Runs the domain's services in a scope, as a request or the worker would.</summary>
internal static class KeysFixtureExtensions
{
    public static async Task<JsonDocument> PublishAsync(this KeysFixture fixture, PublishRequest request)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PublishService>().PublishAsync(request, false, CancellationToken.None);
        Assert.True(outcome.Status == 200, System.Text.Encoding.UTF8.GetString(outcome.Body));
        return JsonDocument.Parse(outcome.Body);
    }

    public static async Task<int> ExportAsync(this KeysFixture fixture)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExportPublisher>().ExportDueAsync(fixture.Clock.GetUtcNow(), CancellationToken.None);
    }

    public static async Task<(int Keys, int Files)> RetainAsync(this KeysFixture fixture)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionService>().ApplyAsync(fixture.Clock.GetUtcNow(), CancellationToken.None);
    }

    public static async Task<T> QueryAsync<T>(this KeysFixture fixture, Func<KeysDbContext, Task<T>> query)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KeysDbContext>());
    }

    public static Task<int> KeyCountAsync(this KeysFixture fixture) => fixture.QueryAsync(db => db.DiagnosisKeys.CountAsync());

    /// <summary>The index lines of a series, as <c>/v1/exports/index.txt</c> lists them.</summary>
    public static async Task<string[]> IndexAsync(this KeysFixture fixture, ExportSeries? series = null) =>
        [.. await fixture.QueryAsync(db => ExportIndex.ReadAsync(db, series ?? ExportSeries.Period, CancellationToken.None))];

    /// <summary>Reads an export listed in the index and checks its signature with the published PEM, as <c>gardefou export dump</c> does.</summary>
    public static async Task<ExportFileContents> ReadVerifiedAsync(this KeysFixture fixture, string relativePath)
    {
        var bytes = await fixture.QueryAsync(db => ExportIndex.ReadFileAsync(db, relativePath, CancellationToken.None));
        Assert.NotNull(bytes);
        var contents = ExportFileReader.Read(bytes);
        using var key = EcdsaPem.LoadPublicKey(fixture.Services.GetRequiredService<KeysSecrets>().ExportPublicKeyPem);
        Assert.True(ExportSignatureVerifier.Verify(contents, key), $"{relativePath} does not verify with public-key.pem");
        return contents;
    }
}
