using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Observations;

public sealed class ObservationStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_scan_is_aggregated_into_one_instance_per_identifier()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var a = RollingProximityIdentifier.FromHex("8be6cd371c5c891604bfbe49df845096");
        var b = RollingProximityIdentifier.FromHex("3c9a1de5dd6b02afa7fded7b570b3e56");
        var aem = AssociatedEncryptedMetadata.FromHex("72033874");
        RadioReception[] heard =
        [
            new(new RadioAddress(1), a, aem, -60), new(new RadioAddress(1), a, aem, -70), new(new RadioAddress(1), a, aem, -65),
            new(new RadioAddress(2), b, aem, -80),
        ];

        Assert.Equal(2, await phone.Observations.RecordScanAsync(_clock.GetUtcNow(), 300, heard, ct));

        var all = await phone.Observations.GetAllAsync(ct);
        var first = Assert.Single(all, o => o.Rpi == a);
        Assert.Equal(-60, first.MaxRssiDbm);
        Assert.Equal(-65, first.MeanRssiDbm);
        Assert.Equal(300, first.SecondsSinceLastScan);
        Assert.Equal(TestPhones.Start, first.ScanTime);
        Assert.Equal(aem, first.Aem);
    }

    [Fact]
    public async Task Observations_older_than_fourteen_days_are_erased()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var rpi = RollingProximityIdentifier.FromHex("8be6cd371c5c891604bfbe49df845096");
        var aem = AssociatedEncryptedMetadata.FromHex("72033874");
        await phone.Observations.RecordScanAsync(TestPhones.Start, 300, [new(new RadioAddress(1), rpi, aem, -60)], ct);
        await phone.Observations.RecordScanAsync(TestPhones.Start.AddDays(3), 300, [new(new RadioAddress(1), rpi, aem, -60)], ct);

        _clock.SetUtcNow(TestPhones.Start.AddDays(14).AddSeconds(-1));
        await phone.EraseExpiredAsync(ct);
        Assert.Equal(2, await phone.Observations.CountAsync(ct));

        _clock.SetUtcNow(TestPhones.Start.AddDays(14).AddSeconds(1));
        await phone.EraseExpiredAsync(ct);
        Assert.Equal(1, await phone.Observations.CountAsync(ct));

        _clock.SetUtcNow(TestPhones.Start.AddDays(30));
        await phone.EraseExpiredAsync(ct);
        Assert.Equal(0, await phone.Observations.CountAsync(ct));
        Assert.Empty(await phone.Keys.GetKeysAsync(ct));
    }
}
