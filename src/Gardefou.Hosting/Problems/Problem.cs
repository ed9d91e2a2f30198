using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gardefou.Hosting.Problems;

/// <summary>The one writer of problem-details answers (RFC 9457), with the host's <see cref="ProblemTypes"/> scheme.</summary>
public static class Problem
{
    /// <summary>A problem answer; <paramref name="slug"/> names the case, else the status does.</summary>
    public static ProblemHttpResult Result(int status, string title, string detail, string? slug = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: slug is null ? ProblemTypes.ForStatus(status) : ProblemTypes.Of(slug));

    /// <summary>404 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>400 with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult BadRequest(string detail) => Result(StatusCodes.Status400BadRequest, "Bad request", detail);
}
