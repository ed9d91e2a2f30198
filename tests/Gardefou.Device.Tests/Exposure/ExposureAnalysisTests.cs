using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Exposure;

/// <summary>The streamed check: keys matched chunk by chunk as the file is read, scored only once it verifies.</summary>
public sealed class ExposureAnalysisTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(TestPhones.Start);
    private readonly ExportSigningKey _signer = ExportSigningKey.Generate("310", "v1");

    public void Dispose()
    {
        _signer.PrivateKey.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Keys_matched_in_later_chunks_are_scored_with_their_own_metadata()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _signer.PrivateKey);
        var infectious = TemporaryExposureKey.Generate();
        var notInfectious = TemporaryExposureKey.Generate();
        var infectiousDay = KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-2)));
        var otherDay = KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-4)));
        await PlantAsync(phone, infectious, infectiousDay.RollingStart + 60);
        await PlantAsync(phone, notInfectious, otherDay.RollingStart + 60);

        // Fillers 12 days past onset are not infectious: if a matched key were scored with another key's metadata,
        // the infectious one would not notify. Both planted keys sit past the first chunk, in different chunks.
        var keys = Enumerable.Range(0, 3 * ExportKeySink.ChunkSize).Select(_ => new DiagnosisKey(
            TemporaryExposureKey.Generate(), otherDay, 2, ReportType.ConfirmedTest, 12)).ToList();
        keys[ExportKeySink.ChunkSize + 7] = new DiagnosisKey(infectious, infectiousDay, 2, ReportType.ConfirmedTest, 0);
        keys[(2 * ExportKeySink.ChunkSize) + 100] = new DiagnosisKey(notInfectious, otherDay, 2, ReportType.ConfirmedTest, 12);
        var zip = ExportFileWriter.WriteToArray(new ExportBatch("US", 1, 1, TestPhones.Start.AddDays(-1), TestPhones.Start, keys), [_signer]);

        var days = await phone.MatchExportFileAsync(new MemoryStream(zip), ct);

        Assert.Equal([infectiousDay.RollingStart.Day], days);
    }

    [Fact]
    public async Task A_file_signed_by_another_key_is_refused_even_after_its_keys_matched()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _signer.PrivateKey);
        var key = TemporaryExposureKey.Generate();
        var validity = KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-2)));
        await PlantAsync(phone, key, validity.RollingStart + 60);
        var forger = ExportSigningKey.Generate("310", "v1");
        var zip = ExportFileWriter.WriteToArray(
            new ExportBatch("US", 1, 1, TestPhones.Start.AddDays(-1), TestPhones.Start, [new DiagnosisKey(key, validity, 2, ReportType.ConfirmedTest, 0)]), [forger]);

        await Assert.ThrowsAsync<PhoneException>(() => phone.MatchExportFileAsync(new MemoryStream(zip), ct));
        var signedRight = ExportFileWriter.WriteToArray(
            new ExportBatch("US", 1, 1, TestPhones.Start.AddDays(-1), TestPhones.Start, [new DiagnosisKey(key, validity, 2, ReportType.ConfirmedTest, 0)]), [_signer]);
        Assert.Equal([validity.RollingStart.Day], await phone.MatchExportFileAsync(new MemoryStream(signedRight), ct));
        forger.PrivateKey.Dispose();
    }

    private static async Task PlantAsync(Phone phone, TemporaryExposureKey key, EnIntervalNumber rpiInterval)
    {
        var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(key), rpiInterval);
        var aem = KeySchedule.EncryptMetadata(KeySchedule.DeriveAemk(key), rpi, BluetoothMetadata.Version10(-8));
        for (var scan = 0; scan < 4; scan++)
        {
            await phone.Observations.RecordScanAsync(rpiInterval.StartTime.AddMinutes(scan * 5), 300, [new RadioReception(new RadioAddress(5), rpi, aem, -55)], TestContext.Current.CancellationToken);
        }
    }
}
