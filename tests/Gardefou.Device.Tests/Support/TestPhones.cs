using System.Security.Cryptography;
using Gardefou.Device.Network;
using Microsoft.Extensions.Time.Testing;

namespace Gardefou.Device.Tests.Support;

/// <summary>Phones set up offline (export key given, as an app bundle would ship it) on a fake clock.</summary>
internal static class TestPhones
{
    /// <summary>2026-11-20 09:00 UTC: a fixed "now" for tests.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static readonly RetryPolicy NoWait = new(3, TimeSpan.Zero, TimeSpan.Zero);

    public static PhoneOptions Options(TimeProvider clock, int seed = 1, HttpClient? http = null) => new()
    {
        Clock = clock,
        Random = new Random(seed),
        Http = http,
        Retry = NoWait,
    };

    public static async Task<Phone> CreateAsync(string directory, FakeTimeProvider clock, int seed = 1, ECDsa? exportKey = null, Uri? server = null, DateOnly? sunset = null, HttpClient? http = null)
    {
        using var generated = exportKey is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var pem = (exportKey ?? generated!).ExportSubjectPublicKeyInfoPem();
        var setup = new PhoneSetup(server ?? new Uri("http://localhost:5080/"), Sunset: sunset, ExportPublicKeyPem: pem);
        return await Phone.InitializeAsync(directory, setup, Options(clock, seed, http), TestContext.Current.CancellationToken);
    }
}
