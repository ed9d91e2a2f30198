using System.Security.Cryptography;
using Gardefou.Device.Observations;
using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Observations;

/// <summary>The observation read of the exposure check, straight through SQLite's statement API.</summary>
public sealed class SightingRowsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Observations_load_in_time_order_with_every_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock);
        var later = RollingProximityIdentifier.FromBytes(RandomNumberGenerator.GetBytes(16));
        var earlier = RollingProximityIdentifier.FromBytes(RandomNumberGenerator.GetBytes(16));
        // Recorded out of order, as an emulated encounter in the past would be.
        await phone.Observations.RecordScanAsync(TestPhones.Start, 300, [new RadioReception(new RadioAddress(1), later, new AssociatedEncryptedMetadata(7), -60), new RadioReception(new RadioAddress(1), later, new AssociatedEncryptedMetadata(7), -50)], ct);
        await phone.Observations.RecordScanAsync(TestPhones.Start.AddHours(-3), 240, [new RadioReception(new RadioAddress(2), earlier, new AssociatedEncryptedMetadata(9), -70)], ct);

        var all = await phone.Observations.GetAllAsync(ct);

        Assert.Equal(
            [
                new Observation(earlier, new AssociatedEncryptedMetadata(9), TestPhones.Start.AddHours(-3), -70, -70, 240),
                new Observation(later, new AssociatedEncryptedMetadata(7), TestPhones.Start, -50, -55, 300),
            ],
            all);
    }
}
