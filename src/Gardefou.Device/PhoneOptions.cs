using Gardefou.Device.Network;
using Gardefou.Device.Upload;
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

    /// <summary>
    /// How often the phone considers a dummy upload: Google's Android app runs its cover-traffic worker every 4 hours
    /// (keyupload/UploadCoverTrafficWorker.java REPEAT_INTERVAL).
    /// </summary>
    public TimeSpan ChaffCheckInterval { get; init; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Probability that a check sends a dummy upload: Google's app uses 1/12 (EXECUTION_PROBABILITY), so one dummy
    /// upload every two days on average.
    /// </summary>
    public double ChaffProbability { get; init; } = 1.0 / 12.0;

    /// <summary>
    /// Size every upload request body is padded to, real or dummy, in bytes: 5,000 as Google's app
    /// (network/Padding.java TARGET_PAYLOAD_SIZE_BYTES), for verify, certificate and publish alike.
    /// </summary>
    public int UploadBodySize { get; init; } = UploadBody.TargetSize;
}
