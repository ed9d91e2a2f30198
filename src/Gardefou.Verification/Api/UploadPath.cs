using System.Diagnostics;
using Gardefou.Hosting.Timing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Api;

/// <summary>What the two upload-path endpoints share beyond their handlers: the padded answer to a wrong method.</summary>
internal static class UploadPath
{
    /// <summary>Methods answered with a padded 405 rather than the router's bare one.</summary>
    public static readonly string[] OtherMethods = ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"];

    public static Delegate MethodNotAllowed(string timingKey) => async (HttpContext context, IOptions<VerificationOptions> options) =>
    {
        var started = Stopwatch.GetTimestamp();
        await context.RequestServices.GetRequiredKeyedService<ResponseTiming>(timingKey).HoldAsync(started, context.RequestAborted);
        return (IResult)ApiErrors.MethodNotAllowed(options.Value.PaddedAnswerBytes);
    };
}
