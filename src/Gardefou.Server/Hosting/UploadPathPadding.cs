using System.Diagnostics;
using Gardefou.Hosting.Timing;
using Gardefou.Verification.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gardefou.Server.Hosting;

/// <summary>
/// The outermost middleware of the upload path (<c>/api/verify</c>, <c>/api/certificate</c>, <c>/v1/publish</c>):
/// whatever raised the answer (the handler, the rate limiter's 429, the exception handler's 500 for a broken body or
/// a fault, the router's 405), it leaves with the handlers' one wire size, header set and a latency drawn from real
/// successes. Answers are small (two kilobytes), so they are buffered and rewritten before anything is sent: a
/// handler's own answer goes out as written (publish's head differences are paid for from its padding); anything
/// else is replaced by a padded answer of the endpoint's shape with the same status, held as the handlers hold
/// their non-successes. Requests elsewhere pass through untouched.
/// </summary>
internal sealed partial class UploadPathPadding
{
    private readonly RequestDelegate _next;
    private readonly ILogger<UploadPathPadding> _logger;

    public UploadPathPadding(RequestDelegate next, ILogger<UploadPathPadding> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = UploadEndpoints.Of(context.Request.Path);
        if (endpoint == UploadEndpoint.None || !IsServed(context.RequestServices, endpoint))
        {
            await _next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var sentBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var sentResponse = context.Features.GetRequiredFeature<IHttpResponseFeature>();
        using var buffer = new MemoryStream();
        var held = new BufferedResponse(sentResponse, buffer);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        context.Features.Set<IHttpResponseFeature>(held);
        var faulted = false;
        try
        {
            await _next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Only what the exception handler itself let through gets here; the answer is still a padded 500.
            LogEscaped(_logger, exception.GetType().Name, exception);
            faulted = true;
        }
        finally
        {
            context.Features.Set(sentBody);
            context.Features.Set(sentResponse);
        }
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        if (faulted)
        {
            held.StatusCode = StatusCodes.Status500InternalServerError;
            held.Headers.Clear();
            buffer.SetLength(0);
        }
        await held.CopyToRealAsync();
        var written = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            if (endpoint == UploadEndpoint.Publish)
            {
                await PublishAnswers.WriteAsync(context, started, written);
            }
            else
            {
                await VerificationAnswers.WriteAsync(context, endpoint == UploadEndpoint.Verify ? UploadTimings.Verify : UploadTimings.Certificate, started, written);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while its answer was held: there is no one to answer.
        }
    }

    /// <summary>Whether this host runs the endpoint's domain (a keys-only server has no /api/verify to pad).</summary>
    private static bool IsServed(IServiceProvider services, UploadEndpoint endpoint) => endpoint == UploadEndpoint.Publish
        ? services.GetService<ResponseTiming>() is not null
        : services.GetKeyedService<ResponseTiming>(endpoint == UploadEndpoint.Verify ? UploadTimings.Verify : UploadTimings.Certificate) is not null;

    [LoggerMessage(1, LogLevel.Error, "Unhandled {ExceptionType} on the upload path")]
    private static partial void LogEscaped(ILogger logger, string exceptionType, Exception exception);
}
