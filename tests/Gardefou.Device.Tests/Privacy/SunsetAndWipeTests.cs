using Gardefou.Device.Broadcast;
using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Privacy;

public sealed class SunsetAndWipeTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);

    public void Dispose() => _dir.Dispose();

    private sealed class RecordingRadio : IRadio
    {
        public Advertisement? Current { get; private set; }

        public void Advertise(Advertisement advertisement) => Current = advertisement;

        public void StopAdvertising() => Current = null;

        public ValueTask<IReadOnlyList<RadioReception>> ScanAsync(TimeSpan duration, CancellationToken ct = default) =>
            ValueTask.FromResult<IReadOnlyList<RadioReception>>([]);
    }

    [Fact]
    public async Task At_the_sunset_day_the_phone_stops_broadcasting_and_erases_everything()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = _dir.Sub("phone");
        var phone = await TestPhones.CreateAsync(directory, _clock, sunset: new DateOnly(2026, 12, 1));
        var radio = new RecordingRadio();
        Assert.True(await phone.AdvertiseAsync(radio, ct));
        await phone.Observations.RecordScanAsync(_clock.GetUtcNow(), 300,
            [new RadioReception(new RadioAddress(3), RollingProximityIdentifier.FromHex("8be6cd371c5c891604bfbe49df845096"), AssociatedEncryptedMetadata.FromHex("72033874"), -60)], ct);

        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero));
        Assert.True(await phone.AdvertiseAsync(radio, ct));
        Assert.NotNull(radio.Current);

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.False(await phone.AdvertiseAsync(radio, ct));

        Assert.Null(radio.Current);
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any());
        Assert.False(Phone.Exists(directory));
        await Assert.ThrowsAsync<PhoneException>(() => phone.CheckExposureAsync(ct));
        await Assert.ThrowsAsync<PhoneException>(() => Phone.OpenAsync(directory, TestPhones.Options(_clock), ct));
    }

    [Fact]
    public async Task Opening_a_phone_past_its_sunset_wipes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = _dir.Sub("phone");
        await TestPhones.CreateAsync(directory, _clock, sunset: new DateOnly(2026, 11, 25));
        _clock.Advance(TimeSpan.FromDays(10));

        var error = await Assert.ThrowsAsync<PhoneException>(() => Phone.OpenAsync(directory, TestPhones.Options(_clock), ct));

        Assert.Contains("sunset", error.Message, StringComparison.Ordinal);
        Assert.False(Phone.Exists(directory));
    }

    [Fact]
    public async Task Wipe_on_request_erases_everything_and_stops_broadcasting()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = _dir.Sub("phone");
        var phone = await TestPhones.CreateAsync(directory, _clock);
        var radio = new RecordingRadio();
        await phone.AdvertiseAsync(radio, ct);

        phone.Wipe();

        Assert.False(Directory.Exists(directory));
        Assert.False(await phone.AdvertiseAsync(radio, ct));
        Assert.Null(radio.Current);
        await Assert.ThrowsAnyAsync<Exception>(() => phone.Keys.GetOrCreateCurrentKeyAsync(ct));
        Assert.False(Directory.Exists(directory)); // a late write did not bring the database back
    }
}
