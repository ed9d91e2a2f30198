using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// The structural rules of an upload, applied before any certificate work. One rule for all: a single bad key
/// refuses the whole upload (the anchors disagreed on partial acceptance; a device can always retry cleanly).
/// </summary>
public static class PublishRules
{
    /// <summary>Most keys in one upload: 15 days of history plus same-day releases, as the GAEN key server allows.</summary>
    public const int MaxKeys = 30;

    /// <summary>Most keys that may share one start interval (same-day key release).</summary>
    public const int MaxKeysPerStartInterval = 3;

    /// <summary>How far back a key may still have been valid.</summary>
    public static readonly TimeSpan MaxKeyAge = TimeSpan.FromDays(15);

    /// <summary>Highest transmission risk level.</summary>
    public const int MaxTransmissionRisk = 8;

    /// <summary>Checks the keys of <paramref name="request"/> at time <paramref name="now"/>; returns them sorted by start, or an error.</summary>
    public static Outcome<SubmittedKey[], PublishError> Validate(PublishRequest request, DateTimeOffset now)
    {
        var submitted = request.TemporaryExposureKeys;
        if (submitted is null || submitted.Count == 0)
        {
            return Outcome.Fail(PublishError.BadRequest("temporaryExposureKeys must hold at least one key."));
        }
        if (submitted.Count > MaxKeys)
        {
            return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys holds {submitted.Count} keys; at most {MaxKeys} are allowed."));
        }

        var nowInterval = EnIntervalNumber.FromTime(now).Value;
        var oldestEnd = EnIntervalNumber.FromTime(now - MaxKeyAge).Value;
        var result = new SubmittedKey[submitted.Count];
        for (var i = 0; i < submitted.Count; i++)
        {
            var item = submitted[i];
            if (item is null)
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}] is null."));
            }
            if (!TemporaryExposureKey.TryFromBase64(item.Key, out var key))
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}].key must be standard base64 of exactly 16 bytes."));
            }
            if (item.RollingPeriod is < 1 or > EnIntervalNumber.IntervalsPerDay)
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}].rollingPeriod must be 1 to 144."));
            }
            if (item.TransmissionRisk is < 0 or > MaxTransmissionRisk)
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}].transmissionRisk must be 0 to 8."));
            }
            if (item.RollingStartNumber < 0)
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}].rollingStartNumber must not be negative."));
            }
            var start = item.RollingStartNumber;
            var end = (long)start + item.RollingPeriod;
            // A key belongs to one UTC day: it may start late (after a same-day release) but never runs past midnight.
            var dayEnd = (long)start - (start % EnIntervalNumber.IntervalsPerDay) + EnIntervalNumber.IntervalsPerDay;
            if (end > dayEnd)
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}] crosses a UTC day boundary (rollingStartNumber + rollingPeriod must not pass midnight)."));
            }
            if (start > nowInterval)
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}] starts in the future."));
            }
            if (end < oldestEnd)
            {
                return Outcome.Fail(PublishError.BadRequest($"temporaryExposureKeys[{i}] is older than {MaxKeyAge.TotalDays:0} days."));
            }
            result[i] = new SubmittedKey(key, item.Key!, start, item.RollingPeriod, item.TransmissionRisk, i);
        }

        var distinct = new HashSet<TemporaryExposureKey>();
        foreach (var key in result)
        {
            if (!distinct.Add(key.Key))
            {
                return Outcome.Fail(PublishError.BadRequest("temporaryExposureKeys holds the same key twice."));
            }
        }

        Array.Sort(result, static (a, b) => a.RollingStart != b.RollingStart
            ? a.RollingStart.CompareTo(b.RollingStart)
            : a.RollingPeriod.CompareTo(b.RollingPeriod));
        var sameStart = 1;
        var groupEnd = result[0].End;
        for (var i = 1; i < result.Length; i++)
        {
            var current = result[i];
            if (current.RollingStart == result[i - 1].RollingStart)
            {
                if (++sameStart > MaxKeysPerStartInterval)
                {
                    return Outcome.Fail(PublishError.BadRequest($"At most {MaxKeysPerStartInterval} keys may share a rollingStartNumber."));
                }
                groupEnd = Math.Max(groupEnd, current.End);
                continue;
            }
            if (current.RollingStart < groupEnd)
            {
                return Outcome.Fail(PublishError.BadRequest("Keys overlap in time; only keys with the same rollingStartNumber may overlap."));
            }
            sameStart = 1;
            groupEnd = current.End;
        }
        return result;
    }
}
