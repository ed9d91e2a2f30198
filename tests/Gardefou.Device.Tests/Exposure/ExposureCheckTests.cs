using Gardefou.Device.Radio;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Exposure;

public sealed class ExposureCheckTests : IAsyncLifetime
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

    private Task<Phone> NewPhoneAsync() =>
        TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _authority.SigningKey.PrivateKey, server: _authority.Url);

    /// <summary>Records 20 minutes (4 scans) of the identifier that <paramref name="key"/> broadcast in <paramref name="rpiInterval"/>, heard from <paramref name="heardAt"/>.</summary>
    private static async Task PlantAsync(Phone phone, TemporaryExposureKey key, EnIntervalNumber rpiInterval, DateTimeOffset heardAt)
    {
        var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(key), rpiInterval);
        var aem = KeySchedule.EncryptMetadata(KeySchedule.DeriveAemk(key), rpi, BluetoothMetadata.Version10(-8));
        for (var scan = 0; scan < 4; scan++)
        {
            await phone.Observations.RecordScanAsync(heardAt.AddSeconds(scan * 60), 300, [new RadioReception(new RadioAddress(5), rpi, aem, -55)], TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, false)]
    public async Task An_identifier_replayed_hours_later_is_an_exposure_only_within_two_hours(int hoursLater, bool exposed)
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await NewPhoneAsync();
        var key = TemporaryExposureKey.Generate();
        var validity = KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-2)));
        var rpiInterval = validity.RollingStart + 60; // 10:00 that day
        await PlantAsync(phone, key, rpiInterval, rpiInterval.StartTime.AddHours(hoursLater));
        _authority.AddFile("2026/batch-1.zip", _authority.Export([new DiagnosisKey(key, validity, 2, ReportType.ConfirmedTest)]));

        var result = await phone.CheckExposureAsync(ct);

        Assert.Equal(exposed, result.Exposed);
        Assert.Equal(exposed ? [rpiInterval.Day] : [], result.Days);
        Assert.Equal(1, result.FilesProcessed);
    }

    [Fact]
    public async Task Only_new_files_are_downloaded_and_days_accumulate()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await NewPhoneAsync();
        var unrelated = new DiagnosisKey(TemporaryExposureKey.Generate(), KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-1))));
        _authority.AddFile("a.zip", _authority.Export([unrelated]));
        Assert.Equal(1, (await phone.CheckExposureAsync(ct)).FilesProcessed);

        var key = TemporaryExposureKey.Generate();
        var validity = KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-3)));
        await PlantAsync(phone, key, validity.RollingStart + 70, (validity.RollingStart + 70).StartTime);
        _authority.AddFile("b.zip", _authority.Export([new DiagnosisKey(key, validity, 2, ReportType.ConfirmedTest)]));
        var requestsBefore = _authority.Requests.Count;

        var second = await phone.CheckExposureAsync(ct);

        Assert.Equal(1, second.FilesProcessed);
        Assert.True(second.Exposed);
        Assert.Equal([validity.RollingStart.Day], second.Days);
        var requests = _authority.Requests.Skip(requestsBefore).ToList();
        Assert.Contains("GET /v1/exports/index.txt?after=a.zip", requests);
        Assert.DoesNotContain("GET /v1/exports/a.zip", requests);
        Assert.Equal(0, (await phone.CheckExposureAsync(ct)).FilesProcessed);
        Assert.Equal("b.zip", (await phone.GetStatusAsync(ct)).LastExportPath);
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await NewPhoneAsync();
        _authority.AddFile("a.zip", _authority.Export([new DiagnosisKey(TemporaryExposureKey.Generate(), KeyValidity.FullDay(EnIntervalNumber.FromTime(TestPhones.Start)))]));
        _authority.FailNext(2);

        var result = await phone.CheckExposureAsync(ct);

        Assert.Equal(1, result.FilesProcessed);
    }
}
