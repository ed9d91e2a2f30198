using System.Text.Json;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Time;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Upload;

public sealed class ReportTests : IAsyncLifetime
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

    private async Task<Phone> PhoneWithSixDaysOfKeysAsync()
    {
        var phone = await TestPhones.CreateAsync(_dir.Path, _clock, exportKey: _authority.SigningKey.PrivateKey, server: _authority.Url);
        for (var day = 5; day >= 0; day--)
        {
            await phone.Keys.GetOrCreateKeyAsync(EnIntervalNumber.FromTime(TestPhones.Start.AddDays(-day)), TestContext.Current.CancellationToken);
        }
        return phone;
    }

    [Fact]
    public async Task Withheld_days_are_neither_uploaded_nor_certified()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await PhoneWithSixDaysOfKeysAsync();
        _authority.AddCode("12345678");
        var withheld = new HashSet<DateOnly> { new(2026, 11, 16), new(2026, 11, 18) };

        var result = await phone.ReportPositiveAsync("12345678", withheld, ct);

        Assert.Equal(4, result.KeysUploaded);
        Assert.Equal([new(2026, 11, 15), new(2026, 11, 17), new(2026, 11, 19), new(2026, 11, 20)], result.Days);
        var (body, chaff) = Assert.Single(_authority.Publishes);
        Assert.False(chaff);
        using var json = JsonDocument.Parse(body);
        var sent = json.RootElement.GetProperty("temporaryExposureKeys").EnumerateArray()
            .Select(k => new TekMacKey(k.GetProperty("key").GetString()!, k.GetProperty("rollingStartNumber").GetInt32(), k.GetProperty("rollingPeriod").GetInt32(), k.GetProperty("transmissionRisk").GetInt32()))
            .ToList();
        var sentDays = sent.Select(k => new EnIntervalNumber(k.RollingStartNumber).Day).ToList();
        Assert.DoesNotContain(new DateOnly(2026, 11, 16), sentDays);
        Assert.DoesNotContain(new DateOnly(2026, 11, 18), sentDays);
        Assert.Equal("demo", json.RootElement.GetProperty("healthAuthorityID").GetString());

        // The certified HMAC is over exactly the uploaded keys, under the secret sent with them.
        var secret = Convert.FromBase64String(json.RootElement.GetProperty("hmacKey").GetString()!);
        Assert.Equal(Assert.Single(_authority.CertifiedHmacs), TekMac.ComputeBase64(secret, sent));

        // Same-day release: today's key is cut at the current interval (09:00 is interval 54 of the day).
        var today = sent.Single(k => new EnIntervalNumber(k.RollingStartNumber).Day == new DateOnly(2026, 11, 20));
        Assert.Equal(55, today.RollingPeriod);
        Assert.True((await phone.GetStatusAsync(ct)).Reported);
        Assert.Equal(7, (await phone.Keys.GetKeysAsync(ct)).Count); // six released plus today's successor: nothing lost
    }

    [Fact]
    public async Task A_refused_code_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await PhoneWithSixDaysOfKeysAsync();
        var keysBefore = await phone.Keys.GetKeysAsync(ct);

        var error = await Assert.ThrowsAsync<PhoneException>(() => phone.ReportPositiveAsync("99999999", ct: ct));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Equal(keysBefore, await phone.Keys.GetKeysAsync(ct));
        Assert.Empty(_authority.Publishes);
        Assert.False((await phone.GetStatusAsync(ct)).Reported);
    }

    [Fact]
    public async Task Withholding_every_day_is_refused_before_anything_is_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var phone = await PhoneWithSixDaysOfKeysAsync();
        var all = (await phone.Keys.GetKeysAsync(ct)).Select(k => k.Day).ToHashSet();

        await Assert.ThrowsAsync<PhoneException>(() => phone.ReportPositiveAsync("12345678", all, ct));

        Assert.Empty(_authority.Requests);
    }
}
