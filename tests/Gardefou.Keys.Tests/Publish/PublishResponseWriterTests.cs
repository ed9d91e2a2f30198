using System.Text.Json;
using Gardefou.Keys.Features.Publish;

namespace Gardefou.Keys.Tests.Publish;

public sealed class PublishResponseWriterTests
{
    [Fact]
    public void Success_chaff_and_error_bodies_all_have_the_requested_size_and_parse()
    {
        var success = PublishResponseWriter.Write(new PublishResponse { RevisionToken = RevisionTokenProtector.RandomToken(), InsertedExposures = 14 }, null, 2048);
        var empty = PublishResponseWriter.Write(new PublishResponse(), null, 2048);
        var error = PublishResponseWriter.Write(new PublishResponse(), PublishError.BadRequest("temporaryExposureKeys must hold at least one key."), 2048);
        Assert.Equal(2048, success.Length);
        Assert.Equal(2048, empty.Length);
        Assert.Equal(2048, error.Length);
        using var parsed = JsonDocument.Parse(error);
        Assert.Equal("bad_request", parsed.RootElement.GetProperty("code").GetString());
        Assert.Equal(400, parsed.RootElement.GetProperty("status").GetInt32());
        using var ok = JsonDocument.Parse(success);
        Assert.Equal(14, ok.RootElement.GetProperty("insertedExposures").GetInt32());
    }
}
