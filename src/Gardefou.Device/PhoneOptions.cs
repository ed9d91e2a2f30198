using Gardefou.Device.Network;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Risk;

namespace Gardefou.Device;

/// <summary>The environment a <see cref="Phone"/> runs in: clock, randomness, network and behaviour settings.</summary>
public sealed record PhoneOptions
{
    /// <summary>Time source; tests pass a FakeTimeProvider, the emulator a <see cref="Emulation.SimulatedClock"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Source of rotation jitter, radio addresses and the chaff schedule. Seed it in simulations; key material never
    /// comes from here (keys use the operating system's CSPRNG).
    /// </summary>
    public Random Random { get; init; } = new();

    /// <summary>HTTP client used for every request; its <c>BaseAddress</c> is ignored (the phone's servers are stored).</summary>
    public HttpClient? Http { get; init; }

    /// <summary>How failed requests are retried.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>The metadata broadcast (encrypted) with every identifier.</summary>
    public BluetoothMetadata Metadata { get; init; } = BluetoothMetadata.Version10(-8);

    /// <summary>The health authority's risk model; the published defaults notify 15 minutes at 50 dB or less.</summary>
    public RiskConfiguration Risk { get; init; } = RiskConfiguration.Default;

    /// <summary>Mean number of dummy uploads per day (a Poisson process).</summary>
    public double ChaffPerDay { get; init; } = 1.0;

    /// <summary>Size every upload request body is padded to, real or dummy, in bytes.</summary>
    public int UploadBodySize { get; init; } = 6144;
}
