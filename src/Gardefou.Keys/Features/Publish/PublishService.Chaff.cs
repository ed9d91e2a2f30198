namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Chaff, as Google's key server answers it (middleware/chaff.go, publish.go chaffPublishResponse): the body is not
/// processed, the answer is a 200 holding only padding. It is padded to the size of every other publish answer and
/// held as long as a real upload takes; nothing is stored and nothing is logged.
/// </summary>
public sealed partial class PublishService
{
    /// <summary>Answers a dummy upload that arrived at <paramref name="started"/>.</summary>
    internal async Task<Outcome> ChaffAsync(long started, CancellationToken ct)
    {
        var body = PublishResponseWriter.Write(new PublishResponse(), null, _options.ResponseSize);
        await _chaff.HoldAsync(started, ct);
        return new Outcome(200, body, false);
    }
}
