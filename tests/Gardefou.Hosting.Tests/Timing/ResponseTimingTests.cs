using System.Diagnostics;
using Gardefou.Hosting.Timing;

namespace Gardefou.Hosting.Tests.Timing;

public sealed class ResponseTimingTests
{
    [Fact]
    public void Nothing_is_held_before_a_real_success_was_seen() => Assert.Equal(TimeSpan.Zero, new ResponseTiming().Sample());

    [Fact]
    public async Task A_held_answer_lasts_at_least_as_long_as_the_real_success_it_copies()
    {
        var timing = new ResponseTiming();
        timing.Record(TimeSpan.FromMilliseconds(30));
        var started = Stopwatch.GetTimestamp();
        var answer = await timing.TimeAsync(() => Task.FromResult(("chaff", false)), TestContext.Current.CancellationToken);
        Assert.Equal("chaff", answer);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public async Task A_real_success_is_recorded_and_not_held()
    {
        var timing = new ResponseTiming();
        await timing.TimeAsync(() => Task.FromResult((1, true)), TestContext.Current.CancellationToken);
        Assert.NotEqual(TimeSpan.Zero, timing.Sample());
    }
}
