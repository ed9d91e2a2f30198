using System.Collections.Concurrent;
using System.Globalization;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Simulation.EndToEnd;

internal sealed partial class DeviceTown
{
    private static readonly TimeSpan s_exportTimeout = TimeSpan.FromSeconds(90);
    private readonly HashSet<TemporaryExposureKey> _awaitedKeys = [];
    private readonly HashSet<string> _seenExports = [];

    public void Upload(int person, int day, int testDay, int? symptomOnsetDay)
    {
        var phone = _phones[person];
        var now = TimeOf(day, s_uploadTime);
        phone.Clock.Set(now);
        Block(Phase.Reports, async () =>
        {
            var code = await _server.IssueCodeAsync(
                _http, Date(testDay), symptomOnsetDay is { } onset ? Date(onset) : null, _ct);
            var result = await phone.Phone.ReportPositiveAsync(code, ct: _ct);
            _reports++;
            _keysPublished += result.KeysUploaded;
            // The harness waits for exactly these keys to appear in signed exports before phones check.
            var released = EnIntervalNumber.FromTime(now);
            foreach (var key in await phone.Phone.Keys.GetKeysAsync(_ct))
            {
                if (key.Validity.RollingStart <= released)
                {
                    _awaitedKeys.Add(key.Key);
                }
            }
        });
    }

    public IReadOnlyList<(int Person, int ExposureDay)> Check(int day, Func<int, bool> runsApp)
    {
        Block(Phase.Reports, WaitForExportsAsync);
        var checking = _phones.Values.Where(p => runsApp(p.Person)).ToList();
        var notified = new ConcurrentBag<(int, int)>();
        Block(Phase.Checks, () => Parallel.ForEachAsync(checking, Options, async (phone, ct) =>
        {
            phone.Clock.Set(TimeOf(day, s_checkTime));
            var result = await phone.Phone.CheckExposureAsync(ct);
            Interlocked.Increment(ref _checks);
            Interlocked.Add(ref _filesProcessed, result.FilesProcessed);
            var fresh = result.Days.Where(phone.ShownDays.Add).ToList();
            if (fresh.Count > 0)
            {
                // The phone shows the most recent day at risk, as the notification the user sees.
                notified.Add((phone.Person, DayOf(fresh.Max())));
                Interlocked.Increment(ref _notificationsShown);
            }
        }));
        return [.. notified.OrderBy(n => n.Item1)];
    }

    // Phones would pick late keys up at the next daily check; waiting for them keeps the notification delay at the
    // fast mode's one day and makes the run independent of the export worker's timing.
    private async Task WaitForExportsAsync()
    {
        var deadline = DateTime.UtcNow + s_exportTimeout;
        while (_awaitedKeys.Count > 0)
        {
            foreach (var path in await _server.ListExportsAsync(_http, _ct))
            {
                if (!_seenExports.Add(path))
                {
                    continue;
                }
                foreach (var key in await _server.ReadExportKeysAsync(_http, path, _ct))
                {
                    _awaitedKeys.Remove(key);
                }
            }
            if (_awaitedKeys.Count == 0)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server did not export {_awaitedKeys.Count} uploaded keys within {s_exportTimeout.TotalSeconds:0} s; is its export period short (e.g. --export-period 00:00:01)?");
            }
            await Task.Delay(200, _ct);
        }
    }

    private string Date(int day) => _dayZero.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
