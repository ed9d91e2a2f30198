using Gardefou.Device.Tests.Support;
using Gardefou.Device.Upload;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Upload;

public sealed class ChaffTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);
    private LoopbackAuthority _authority = null!;

    public async ValueTask InitializeAsync() => _authority = await LoopbackAuthority.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _authority.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Chaff_keeps_its_schedule_after_a_real_upload()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _authority.SigningKey.PrivateKey, server: _authority.Url);
        var sent = new List<DateTimeOffset>();
        async Task RunDaysAsync(int days)
        {
            // The phone wakes up every 15 minutes; only the wake-ups at or after a due time can send.
            var end = _clock.GetUtcNow().AddDays(days);
            while (await phone.GetNextChaffAsync(ct) is { } due && due < end)
            {
                var wake = TimeSpan.FromMinutes(15 * Math.Ceiling((due - _clock.GetUtcNow()).TotalMinutes / 15));
                _clock.Advance(wake);
                Assert.False(await phone.SendDueChaffAsync(ct) is false && _clock.GetUtcNow() >= due);
                sent.Add(_clock.GetUtcNow());
            }
            _clock.SetUtcNow(end);
        }

        await RunDaysAsync(30);
        var beforeReport = sent.Count;
        var scheduled = await phone.GetNextChaffAsync(ct);
        _authority.AddCode("12345678");
        await phone.ReportPositiveAsync("12345678", ct: ct);
        Assert.Equal(scheduled, await phone.GetNextChaffAsync(ct)); // the real upload did not touch the schedule
        await RunDaysAsync(30);
        var afterReport = sent.Count - beforeReport;

        // Google's schedule: 180 checks in 30 days, each sending with probability 1/12, so 15 expected per half
        // (binomial, 99.9% range about 4 to 28).
        Assert.InRange(beforeReport, 4, 28);
        Assert.InRange(afterReport, 4, 28);
        Assert.Equal(sent.Count, (await phone.GetStatusAsync(ct)).ChaffSent);
        var gaps = sent.Zip(sent.Skip(1), (a, b) => (b - a).TotalHours).ToList();
        Assert.All(gaps, g => Assert.Equal(0, g % 4));
        Assert.True(gaps.Distinct().Count() > 3 && gaps.Max() > 48, "gaps must be geometric, not regular");

        // Each dummy upload is the same three requests as the real one, marked as chaff.
        var posts = _authority.Posts.ToList();
        Assert.Equal(sent.Count * 3, posts.Count(p => p.Chaff));
        Assert.Equal(3, posts.Count(p => !p.Chaff));
    }

    [Fact]
    public async Task Real_and_dummy_requests_have_identical_sizes()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _authority.SigningKey.PrivateKey, server: _authority.Url);
        _authority.AddCode("12345678");
        await phone.ReportPositiveAsync("12345678", ct: ct);
        _clock.Advance(TimeSpan.FromDays(20));
        Assert.True(await phone.SendDueChaffAsync(ct));

        var posts = _authority.Posts.ToList();
        foreach (var path in new[] { "/api/verify", "/api/certificate", "/v1/publish" })
        {
            var sizes = posts.Where(p => p.Path == path).ToList();
            Assert.Equal(2, sizes.Count);
            Assert.Single(sizes.Select(s => s.Size).Distinct());
        }
    }

    [Fact]
    public void The_schedule_is_googles_a_check_every_four_hours_sending_with_probability_one_in_twelve()
    {
        var random = new Random(11);
        var start = TestPhones.Start;
        var options = new PhoneOptions();
        var gaps = Enumerable.Range(0, 20_000).Select(_ => (ChaffSchedule.Next(start, options.ChaffCheckInterval, options.ChaffProbability, random) - start).TotalHours).ToList();
        Assert.All(gaps, g => Assert.Equal(0, g % 4));
        // Geometric number of 4-hour checks with p = 1/12: mean 48 hours, P(gap > 48 h) = (11/12)^12 = 0.352.
        Assert.InRange(gaps.Average(), 46.5, 49.5);
        Assert.InRange(gaps.Count(g => g > 48) / (double)gaps.Count, 0.352 - 0.02, 0.352 + 0.02);
    }

    [Fact]
    public async Task The_verify_request_carries_googles_accept_list_and_every_request_is_padded_to_5000_bytes()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _authority.SigningKey.PrivateKey, server: _authority.Url);
        _authority.AddCode("12345678");
        await phone.ReportPositiveAsync("12345678", ct: ct);

        Assert.All(_authority.Posts, p => Assert.Equal(5000, p.Size));
        using var verify = System.Text.Json.JsonDocument.Parse(Assert.Single(_authority.VerifyBodies));
        Assert.Equal(["code", "accept", "padding"], verify.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["confirmed", "likely", "negative", "user-report"], verify.RootElement.GetProperty("accept").EnumerateArray().Select(e => e.GetString()));
    }
}
