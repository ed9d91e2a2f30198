using Gardefou.Device.Broadcast;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Broadcast;

public sealed class BroadcasterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Rotations_come_every_10_to_20_minutes_with_random_gaps()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var rotations = new List<DateTimeOffset>();
        Advertisement? previous = null;
        for (var minute = 0; minute < 6 * 60; minute++)
        {
            var current = await phone.Broadcaster.CurrentAsync(ct);
            if (!ReferenceEquals(current, previous))
            {
                rotations.Add(_clock.GetUtcNow());
                previous = current;
            }
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var gaps = rotations.Zip(rotations.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Count >= 17, $"only {gaps.Count} rotations in 6 hours");
        Assert.All(gaps, gap => Assert.InRange(gap, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(21)));
        Assert.True(gaps.Distinct().Count() > 3, "rotation gaps must be randomized");
    }

    [Fact]
    public async Task Nothing_stays_constant_across_rotations()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var seen = new List<Advertisement>();
        for (var i = 0; i < 200; i++)
        {
            seen.Add(await phone.Broadcaster.CurrentAsync(ct));
            _clock.SetUtcNow(phone.Broadcaster.NextRotation);
        }

        // Across 200 rotations (more than two days, so across key changes too) no field repeats.
        Assert.Equal(seen.Count, seen.Select(a => a.Address).Distinct().Count());
        Assert.Equal(seen.Count, seen.Select(a => a.Rpi).Distinct().Count());
        Assert.Equal(seen.Count, seen.Select(a => a.Aem).Distinct().Count());
        // And no byte position outside the fixed protocol header keeps one value (no counter, model or name).
        var payloads = seen.Select(a => a.ToPayload()).ToList();
        for (var position = 11; position < payloads[0].Length; position++)
        {
            Assert.True(payloads.Select(p => p[position]).Distinct().Count() > 1, $"byte {position} is constant");
        }
        Assert.All(payloads, p => Assert.Equal(payloads[0][..11], p[..11]));
    }

    [Fact]
    public async Task The_advertised_identifier_and_metadata_come_from_the_key_schedule()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var ad = await phone.Broadcaster.CurrentAsync(ct);
        var key = await phone.Keys.GetOrCreateCurrentKeyAsync(ct);
        var interval = EnIntervalNumber.Now(_clock);

        var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(key.Key), interval);
        Assert.Equal(rpi, ad.Rpi);
        var metadata = KeySchedule.DecryptMetadata(KeySchedule.DeriveAemk(key.Key), ad.Rpi, ad.Aem);
        Assert.Equal(BluetoothMetadata.Version10(-8), metadata);
        Assert.Equal(0, (int)(ad.Address.Value >> 46)); // non-resolvable private address
    }
}
