using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Privacy;

/// <summary>
/// Runs the adversaries of the catalogue against what one simulated run produced (its uploads, notifications,
/// contacts and radio). What each design reveals to whom follows the design documents (DP-3T white paper §5–7,
/// ROBERT specification, BlueTrace, GAEN crypto specification); the counts come from the run.
/// </summary>
public static class PrivacyAnalyzer
{
    /// <summary>Computes the privacy figures of a finished run.</summary>
    internal static PrivacyReport Analyse(Simulator sim, SimulationParameters p)
    {
        var design = p.App.Design;
        var people = (double)sim.Population.Count;
        var state = sim.State;
        var appUsers = 0;
        for (var i = 0; i < state.AppUntil.Length; i++)
        {
            appUsers += state.AppUntil[i] != AgentState.Never ? 1 : 0;
        }
        var uploads = sim.UploadLog;
        var uploaders = uploads.Select(u => u.Person).Distinct().Count();
        var decentralised = design is Design.Gaen or Design.Dp3t;
        var bluetooth = design != Design.Location;

        var serverLinked = decentralised ? uploaders / people : appUsers / people;
        var totalEdges = EstimateAppContactDays(sim, p);
        var edgeFraction = design switch
        {
            Design.Robert or Design.BlueTrace => totalEdges > 0 ? Math.Min(1, sim.HeardByUploaders / totalEdges) : 0,
            Design.Location => appUsers > 0 ? 1 : 0,
            _ => 0,
        };
        var nodeFraction = design switch
        {
            Design.Robert or Design.BlueTrace => sim.GraphNodes / people,
            Design.Location => appUsers / people,
            _ => 0,
        };

        var notifications = sim.NotificationLog;
        var single = notifications.Where(n => n.Candidates == 1).ToList();
        var (located, linkedDays, uploadedDays) = decentralised ? Sniff(sim, p) : (0, 0, 0);
        var linkedDayFraction = uploadedDays == 0 ? 0 : design == Design.Dp3t
            ? (double)located / Math.Max(1, uploaders)
            : (double)linkedDays / uploadedDays;

        var (r30, r3h, r25h) = design switch
        {
            Design.Gaen => (1.0, 0.0, 0.0),
            Design.Dp3t => (1 - 0.5 / 24, 1 - 3.0 / 24, 0.0),
            _ => (0.0, 0.0, 0.0),
        };
        var positivity = sim.Tests() == 0 ? 0 : (double)sim.Positives() / sim.Tests();
        var capturedUploader = 1 - Math.Pow(1 - positivity * p.App.UploadFraction, p.Privacy.PassersPerDay);
        var relay = bluetooth ? p.Privacy.PassersPerDay * capturedUploader : 0;

        var window = Math.Max(1, p.Privacy.ObserverWindowDays);
        var perWindow = uploads.Count / people * window / p.Days;
        var dummies = window * p.Privacy.ChaffPerDay * (1 - perWindow);
        var posterior = perWindow <= 0 ? 0 : perWindow / (perWindow + dummies);
        return new PrivacyReport
        {
            ServerLinkedFraction = serverLinked,
            ServerGraphEdgeFraction = edgeFraction,
            ServerGraphNodeFraction = nodeFraction,
            SingleContactFraction = notifications.Count == 0 ? 0 : (double)single.Count / notifications.Count,
            SingleContactPeopleFraction = single.Select(n => n.Index).Distinct().Count() / people,
            SnifferLocatedUploaderFraction = uploaders == 0 ? 0 : (double)located / uploaders,
            SnifferLinkedDayFraction = linkedDayFraction,
            SnifferPeopleFraction = located / people,
            ReplayAccepted30Minutes = r30,
            ReplayAccepted3Hours = r3h,
            ReplayAccepted25Hours = r25h,
            ReplayFalseAlertsPerDay = r30 * relay,
            RelayFalseAlertsPerDay = relay,
            ObserverIdentifiedWithoutChaff = uploaders / people,
            ObserverPosteriorWithChaff = posterior,
            ObserverIdentifiedWithChaff = posterior > 0.5 ? uploaders / people : 0,
        };
    }

    // K sniffers at random schools and workplaces hear every phone there on workdays. Once an uploader's key for a
    // day is published, the sniffer's log for that day is linked to a positive person at that place.
    private static (int Located, int LinkedDays, int UploadedDays) Sniff(Simulator sim, SimulationParameters p)
    {
        var pop = sim.Population;
        var groups = pop.DayGroups.Count;
        if (groups == 0)
        {
            return (0, 0, 0);
        }
        var sniffed = new HashSet<int>();
        var rng = new Randomness.RandomStream(Hash.Of(p.Seed, (ulong)Purpose.Adversary, 1));
        for (var k = 0; k < Math.Min(p.Privacy.Sniffers, groups); k++)
        {
            while (!sniffed.Add(rng.NextInt(groups)))
            {
            }
        }
        var state = sim.State;
        int located = 0, linked = 0, uploaded = 0;
        foreach (var (person, day) in sim.UploadLog)
        {
            var seen = false;
            for (var d = Math.Max(0, day - p.App.MemoryDays); d < day; d++)
            {
                if (!state.HasApp(person, d))
                {
                    continue;
                }
                uploaded++;
                if (pop.DayGroup[person] >= 0 && sniffed.Contains(pop.DayGroup[person]) && d % 7 < p.Contacts.WorkdaysPerWeek && state.IsOut(person, d))
                {
                    linked++;
                    seen = true;
                }
            }
            located += seen ? 1 : 0;
        }
        return (located, linked, uploaded);
    }

    // Total app-to-app contact-days heard by phones, estimated from a daily sample of people (each contact-day is
    // seen from both ends, hence the half).
    private static double EstimateAppContactDays(Simulator sim, SimulationParameters p)
    {
        var pop = sim.Population;
        var state = sim.State;
        var sample = Math.Min(p.Privacy.ContactSample, pop.Count);
        if (sample == 0)
        {
            return 0;
        }
        double total = 0;
        for (var day = 0; day < p.Days; day++)
        {
            long heard = 0;
            for (var k = 0; k < sample; k++)
            {
                var person = (int)(Hash.Of(p.Seed, (ulong)Purpose.Adversary, 2, (ulong)day, (ulong)k) % (ulong)pop.Count);
                if (!state.HasApp(person, day))
                {
                    continue;
                }
                foreach (var (other, setting, key) in sim.ContactsOn(person, day))
                {
                    if (state.HasApp(other, day) && sim.Heard(person, other, setting, key) > 0)
                    {
                        heard++;
                    }
                }
            }
            total += heard * (double)pop.Count / sample / 2;
        }
        return total;
    }
}
