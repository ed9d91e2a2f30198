using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Gardefou.Hosting.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gardefou.Server.Hosting;

/// <summary>What every role gets: problem details, body limits, rate limiting, health endpoints, OpenAPI, privacy-safe logging.</summary>
public static class HostingDefaults
{
    /// <summary>Health-check tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the shared hosting services.</summary>
    public static WebApplicationBuilder AddGardefouHosting(this WebApplicationBuilder builder, bool consoleLogging)
    {
        var limits = builder.Configuration.GetSection(HostingLimits.SectionName).Get<HostingLimits>() ?? new HostingLimits();
        var rate = builder.Configuration.GetSection($"{HostingLimits.SectionName}:RateLimit");
        limits.PermitsPerSecond = rate.GetValue("PermitsPerSecond", limits.PermitsPerSecond);
        limits.Burst = rate.GetValue("Burst", limits.Burst);
        builder.Services.AddSingleton(limits);

        ConfigureLogging(builder.Logging, consoleLogging);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize;
        });
        builder.Services.AddGardefouProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures throw so the exception handler can answer with a problem body that says what was wrong.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<ClientPartitioner>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Slow down and retry after a second.", Type = ProblemTypes.ForStatus(429) },
                });
            };
            if (limits.PermitsPerSecond > 0)
            {
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                {
                    var partition = context.RequestServices.GetRequiredService<ClientPartitioner>().PartitionOf(context);
                    return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(1, limits.Burst),
                        TokensPerPeriod = limits.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
                });
            }
        });
        return builder;
    }

    /// <summary>Adds the shared middleware and endpoints (call before mapping the domains).</summary>
    public static WebApplication UseGardefouHosting(this WebApplication app)
    {
        // Outermost, so that what the exception handler, the status pages and the rate limiter write on the upload
        // path is padded and held like the handlers' own answers.
        app.UseMiddleware<UploadPathPadding>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapGet("/health/live", () => TypedResults.Text("Healthy")).WithName("Live").WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapOpenApi();
        return app;
    }

    /// <summary>
    /// Framework categories that would write request lines, connection ids or remote endpoints stay at Warning;
    /// the domains' own messages never carry keys, codes, tokens or addresses.
    /// </summary>
    private static void ConfigureLogging(ILoggingBuilder logging, bool console)
    {
        logging.ClearProviders();
        if (console)
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // The framework's request lines carry the path and query string (search coordinates, place names): they stay
        // off whatever level an operator sets for "Microsoft" or "Microsoft.AspNetCore". Code rules are added after the
        // configuration's, so of two rules for the same category these win.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
    }
}
