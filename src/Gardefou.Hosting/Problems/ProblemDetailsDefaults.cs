using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Hosting.Problems;

/// <summary>Registers problem details so that every problem the host writes, whoever writes it, carries one type scheme.</summary>
public static class ProblemDetailsDefaults
{
    /// <summary>
    /// <c>AddProblemDetails</c>, with any type outside <see cref="ProblemTypes"/> (ASP.NET Core's RFC links, none)
    /// replaced by the status's <c>urn:gardefou:problem:</c> type.
    /// </summary>
    public static IServiceCollection AddGardefouProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
            }
        });
}
