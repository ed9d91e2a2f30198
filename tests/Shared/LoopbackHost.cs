using Gardefou.Hosting.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gardefou.Tests.Shared;

/// <summary>
/// The one way a domain's tests host it over HTTP: a slim WebApplication on a real Kestrel at 127.0.0.1 (a free
/// port), the given clock, every log line captured, and the host's problem details. End-to-end tests of the whole
/// server use <c>GardefouHost</c> itself instead (tests/Gardefou.Server.Tests/Support/TestHost.cs).
/// </summary>
internal static class LoopbackHost
{
    /// <summary>
    /// A builder listening on loopback, with <paramref name="settings"/> as configuration. With
    /// <paramref name="collectFilteredRecords"/> the log collector also keeps records that a filter disables, so a
    /// test can prove what the domain itself never lets be written.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(TimeProvider time, LogLevel minimumLevel, bool collectFilteredRecords, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = collectFilteredRecords);
        // Fully qualified: some test projects import the DI namespace globally, others do not.
        builder.Services.Add(new Microsoft.Extensions.DependencyInjection.ServiceDescriptor(typeof(TimeProvider), time));
        builder.Services.AddGardefouProblemDetails();
        return builder;
    }
}
