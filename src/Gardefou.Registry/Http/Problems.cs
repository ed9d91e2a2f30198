using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gardefou.Registry.Http;

/// <summary>Problem-details answers (RFC 9457) for the registry's 4xx cases.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
