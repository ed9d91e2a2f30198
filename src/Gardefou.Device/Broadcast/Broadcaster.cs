using Gardefou.Device.Keys;
using Gardefou.Device.Radio;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Broadcast;

/// <summary>
/// Chooses what the phone advertises. At every rotation, a random 10 to 20 minutes after the previous one, or when
/// the key in use changes, it draws a new radio address and computes the identifier and encrypted metadata of the
/// current interval, so that address, identifier and metadata always change together (no field bridges a rotation).
/// </summary>
public sealed class Broadcaster
{
    /// <summary>Shortest time between two rotations.</summary>
    public static readonly TimeSpan MinimumRotation = TimeSpan.FromMinutes(10);

    /// <summary>Longest time between two rotations.</summary>
    public static readonly TimeSpan MaximumRotation = TimeSpan.FromMinutes(20);

    private readonly KeyStore _keys;
    private readonly TimeProvider _clock;
    private readonly Random _random;
    private readonly BluetoothMetadata _metadata;
    private Advertisement? _current;
    private DeviceKey _currentKey;
    private DateTimeOffset _rotatedAt;
    private DateTimeOffset _nextRotation;

    /// <summary>Creates a broadcaster over the phone's keys.</summary>
    /// <param name="keys">The phone's key store.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="random">Source of rotation jitter and radio addresses (seeded in simulations).</param>
    /// <param name="metadata">The metadata encrypted into every advertisement (version and transmit power).</param>
    public Broadcaster(KeyStore keys, TimeProvider clock, Random random, BluetoothMetadata metadata)
    {
        _keys = keys;
        _clock = clock;
        _random = random;
        _metadata = metadata;
    }

    /// <summary>When the current advertisement will be replaced.</summary>
    public DateTimeOffset NextRotation => _nextRotation;

    /// <summary>The advertisement for now, rotating it first when it is due.</summary>
    public async Task<Advertisement> CurrentAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var interval = EnIntervalNumber.FromTime(now);
        if (_current is not null && now >= _rotatedAt && now < _nextRotation && _currentKey.Validity.Contains(interval))
        {
            return _current;
        }

        var key = await _keys.GetOrCreateKeyAsync(interval, ct);
        var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(key.Key), interval);
        var aem = KeySchedule.EncryptMetadata(KeySchedule.DeriveAemk(key.Key), rpi, _metadata);
        var address = RadioAddress.Random(_random);
        if (_current is not null && address == _current.Address)
        {
            address = RadioAddress.Random(_random);
        }
        _current = new Advertisement(address, rpi, aem);
        _currentKey = key;
        _rotatedAt = now;
        var jitter = _random.NextDouble() * (MaximumRotation - MinimumRotation).TotalSeconds;
        _nextRotation = now + MinimumRotation + TimeSpan.FromSeconds(jitter);
        return _current;
    }
}
