using Gardefou.Hosting.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gardefou.Hosting.Tests.Problems;

public sealed class ProblemTypesTests
{
    [Theory]
    [InlineData(400, "urn:gardefou:problem:bad_request")]
    [InlineData(404, "urn:gardefou:problem:not_found")]
    [InlineData(413, "urn:gardefou:problem:payload_too_large")]
    [InlineData(429, "urn:gardefou:problem:too_many_requests")]
    [InlineData(500, "urn:gardefou:problem:server_error")]
    [InlineData(418, "urn:gardefou:problem:status_418")]
    public void A_problem_without_a_case_is_named_after_its_status(int status, string type) =>
        Assert.Equal(type, ProblemTypes.ForStatus(status));

    [Fact]
    public void A_problem_result_carries_the_scheme_and_its_case()
    {
        ProblemHttpResult named = Problem.Result(StatusCodes.Status422UnprocessableEntity, "Invalid update", "capacity is negative", "invalid_update");
        Assert.Equal("urn:gardefou:problem:invalid_update", named.ProblemDetails.Type);
        Assert.Equal(422, named.StatusCode);
        Assert.Equal("urn:gardefou:problem:not_found", Problem.NotFound("No such file.").ProblemDetails.Type);
    }
}
