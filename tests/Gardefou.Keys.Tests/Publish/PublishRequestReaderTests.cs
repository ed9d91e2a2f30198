using System.Text;
using Gardefou.Keys.Features.Publish;

namespace Gardefou.Keys.Tests.Publish;

public sealed class PublishRequestReaderTests
{
    private const string Valid = """{"temporaryExposureKeys":[{"key":"z2Cx9hdz2SlxZ8GEgqTYpA==","rollingStartNumber":2671344,"rollingPeriod":144,"transmissionRisk":0}],"healthAuthorityID":"demo","verificationPayload":"x.y.z","hmacKey":"AAAAAAAAAAAAAAAAAAAAAA==","symptomOnsetInterval":2671200,"traveler":false,"revisionToken":"","padding":"abc"}""";

    private static PublishError? ErrorOf(string json) => PublishRequestReader.Parse(Encoding.UTF8.GetBytes(json)).TryGetValue(out _, out var error) ? null : error;

    [Fact]
    public void Every_member_google_documents_is_read()
    {
        Assert.True(PublishRequestReader.Parse(Encoding.UTF8.GetBytes(Valid)).TryGetValue(out var request, out var error), error?.Message);
        Assert.Equal("demo", request.HealthAuthorityId);
        Assert.Equal(2671200, request.SymptomOnsetInterval);
        Assert.Equal(2671344, Assert.Single(request.TemporaryExposureKeys!).RollingStartNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{} {}")]
    [InlineData("""{"temporaryExposureKeys":[null]}""")]
    [InlineData("""{"temporaryExposureKeys":"none"}""")]
    [InlineData("""{"healthAuthorityID":"demo","unknownMember":1}""")]
    public void Malformed_bodies_are_refused_with_bad_request(string json)
    {
        var error = ErrorOf(json);
        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal(PublishErrorCodes.BadRequest, error.Code);
    }

    [Fact]
    public void A_property_given_twice_is_refused_so_no_two_readers_see_different_uploads()
    {
        var error = ErrorOf("""{"healthAuthorityID":"demo","healthAuthorityID":"other"}""");
        Assert.Equal(PublishErrorCodes.BadRequest, error?.Code);
        Assert.Contains("duplicate", error!.Message, StringComparison.Ordinal);
        Assert.NotNull(ErrorOf("""{"temporaryExposureKeys":[{"key":"a","key":"b"}]}"""));
    }

    [Fact]
    public void Property_names_must_have_the_exact_case_of_the_specification()
    {
        Assert.NotNull(ErrorOf("""{"healthAuthorityId":"demo"}"""));
        Assert.NotNull(ErrorOf("""{"TemporaryExposureKeys":[]}"""));
        Assert.NotNull(ErrorOf("""{"temporaryExposureKeys":[{"Key":"z2Cx9hdz2SlxZ8GEgqTYpA=="}]}"""));
    }

    [Fact]
    public void An_error_message_never_echoes_the_body()
    {
        var error = ErrorOf("""{"temporaryExposureKeys":[{"key":"SECRETKEYSECRETKEY==","rollingStartNumber":"x"}]}""");
        Assert.DoesNotContain("SECRET", error!.Message, StringComparison.Ordinal);
    }
}
