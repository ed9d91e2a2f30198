using System.Collections.Concurrent;
using Gardefou.Device.Broadcast;
using Gardefou.Device.Observations;
using Gardefou.Device.Radio;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.EndToEnd;

internal sealed partial class DeviceTown
{
    private const ulong PlacementSalt = 0xE2E_0002;

    public void RecordDay(int day, IReadOnlyList<HeardContact> heard)
    {
        var period = _p.Radio.SecondsBetweenScans;
        var firstSlot = (FirstContactSecond + period - 1) / period;
        var slots = 86_400 / period - firstSlot;

        // Each contact takes consecutive scans from a start drawn from its pair key (the same at both ends). Two
        // contacts of one pair on one day are kept apart, else a scan would merge them into one scan instance.
        var heardAt = new Dictionary<int, List<(int Slot, int Sender, byte Attenuation)>>();
        var busy = new Dictionary<(int, int), List<(int Start, int End)>>();
        var wanted = new Dictionary<int, SortedSet<int>>();
        foreach (var contact in heard)
        {
            var n = Math.Min(contact.Attenuations.Length, slots);
            var start = firstSlot + (int)(Hash.Of(contact.PairKey, PlacementSalt) % (ulong)(slots - n + 1));
            start = Place(busy, (contact.Receiver, contact.Sender), start, n, firstSlot, firstSlot + slots);
            if (!heardAt.TryGetValue(contact.Receiver, out var list))
            {
                heardAt[contact.Receiver] = list = [];
            }
            if (!wanted.TryGetValue(contact.Sender, out var senderSlots))
            {
                wanted[contact.Sender] = senderSlots = [];
            }
            for (var s = 0; s < n; s++)
            {
                if (contact.Attenuations[s] != 0)
                {
                    list.Add((start + s, contact.Sender, contact.Attenuations[s]));
                    senderSlots.Add(start + s);
                }
            }
        }

        // Every sender's phone advertises through the library at each moment it is heard: keys are created on
        // demand, identifiers and addresses rotate every 10 to 20 minutes as on a real phone.
        var advertised = new ConcurrentDictionary<(int Sender, int Slot), Advertisement>();
        Block(Phase.Advertising, () => Parallel.ForEachAsync(wanted, Options, async (entry, ct) =>
        {
            var phone = _phones[entry.Key];
            foreach (var slot in entry.Value)
            {
                phone.Clock.Set(TimeOf(day, TimeSpan.FromSeconds((long)slot * period)));
                if (await phone.Phone.AdvertiseAsync(phone.Radio, ct) && phone.Radio.Current is { } advertisement)
                {
                    advertised[(entry.Key, slot)] = advertisement;
                }
            }
        }));

        // Every receiver stores its day of scans in one transaction, through the library's observation store.
        var tx = (int)s_metadata.TransmitPowerDbm;
        Block(Phase.Recording, () => Parallel.ForEachAsync(heardAt, Options, async (entry, ct) =>
        {
            var phone = _phones[entry.Key];
            var scans = new List<RecordedScan>();
            foreach (var group in entry.Value.GroupBy(h => h.Slot).OrderBy(g => g.Key))
            {
                var receptions = new List<RadioReception>();
                foreach (var (slot, sender, attenuation) in group)
                {
                    if (advertised.TryGetValue((sender, slot), out var ad))
                    {
                        // GAEN attenuation is the advertised transmit power minus the calibrated RSSI.
                        receptions.Add(new RadioReception(ad.Address, ad.Rpi, ad.Aem, tx - attenuation));
                    }
                }
                if (receptions.Count > 0)
                {
                    scans.Add(new RecordedScan(TimeOf(day, TimeSpan.FromSeconds((long)group.Key * period)), period, receptions));
                }
            }
            phone.Clock.Set(TimeOf(day + 1, TimeSpan.Zero) - TimeSpan.FromSeconds(1));
            var stored = await phone.Phone.Observations.RecordScansAsync(scans, ct);
            Interlocked.Add(ref _scanInstances, stored);
        }));
    }

    private ParallelOptions Options => new() { MaxDegreeOfParallelism = _parallelism, CancellationToken = _ct };

    private static int Place(Dictionary<(int, int), List<(int Start, int End)>> busy, (int, int) pair, int start, int n, int first, int end)
    {
        if (!busy.TryGetValue(pair, out var taken))
        {
            busy[pair] = [(start, start + n)];
            return start;
        }
        bool Free(int s) => s >= first && s + n <= end && taken.All(t => s + n <= t.Start || s >= t.End);
        if (!Free(start))
        {
            var candidates = taken.Select(t => t.End).Concat(taken.Select(t => t.Start - n)).Where(Free).ToList();
            if (candidates.Count > 0)
            {
                start = candidates.MinBy(c => Math.Abs(c - start));
            }
        }
        taken.Add((start, start + n));
        return start;
    }
}
