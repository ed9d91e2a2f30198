using System.Globalization;
using System.Text;
using System.Text.Json;
using Gardefou.Simulation.Scenarios;

namespace Gardefou.Simulation.Reports;

/// <summary>
/// Writes a study to a folder: results.json (per scenario and seed), results.csv, daily.csv, PNG plots and a
/// self-contained report.html (plots embedded as data URIs).
/// </summary>
public static partial class ReportWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes every output into <paramref name="directory"/> (created if needed) and returns the files written.</summary>
    public static IReadOnlyList<string> Write(string directory, ScenarioPlan plan, string place, IReadOnlyList<RunRecord> records)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>
        {
            WriteJson(directory, plan, place, records),
            WriteCsv(directory, records),
            WriteDaily(directory, records),
        };
        var plots = Plots(directory, plan, records);
        files.AddRange(plots);
        files.Add(WriteHtml(directory, plan, place, records, plots));
        return files;
    }

    /// <summary>Infections averted by a run compared with the no-app run of the same seed.</summary>
    internal static double Averted(RunRecord r, IReadOnlyList<RunRecord> all)
    {
        var none = all.FirstOrDefault(x => x.Group == "grid" && x.Result.Adoption == 0 && x.Result.Seed == r.Result.Seed);
        return none is null ? double.NaN : none.Result.Infections - r.Result.Infections;
    }

    private static Dictionary<string, object> Row(RunRecord r, IReadOnlyList<RunRecord> all)
    {
        var x = r.Result;
        var p = x.Privacy;
        return new Dictionary<string, object>
        {
            ["group"] = r.Group,
            ["variable"] = r.Variable,
            ["value"] = r.Value,
            ["adoption"] = x.Adoption,
            ["design"] = x.Design.ToString().ToLowerInvariant(),
            ["notificationRule"] = ScenarioRunner.RuleName(x.Rule),
            ["seed"] = x.Seed,
            ["people"] = x.People,
            ["infections"] = x.Infections,
            ["hospitalisations"] = x.Hospitalisations,
            ["deaths"] = x.Deaths,
            ["tests"] = x.Tests,
            ["positives"] = x.Positives,
            ["uploads"] = x.Uploads,
            ["notifications"] = x.Notifications,
            ["trueAlerts"] = x.TrueAlerts,
            ["falseAlerts"] = x.FalseAlerts,
            ["leftBehindAlerts"] = x.LeftBehindAlerts,
            ["falseAlertsPerTrueAlert"] = x.FalseAlertsPerTrueAlert,
            ["notifiedNotInfectedShare"] = x.NotifiedNotInfectedShare,
            ["notificationsPerUpload"] = x.NotificationsPerUpload,
            ["secondaryAttackRateNotified"] = x.SecondaryAttackRateNotified,
            ["positiveAmongNotified"] = x.PositiveAmongNotified,
            ["infectedByIndexAmongNotified"] = x.InfectedByIndexAmongNotified,
            ["quarantineDaysUninfected"] = x.QuarantineDaysUninfected,
            ["infectionsAverted"] = Averted(r, all) is var a && double.IsNaN(a) ? 0 : a,
            ["privacy"] = new Dictionary<string, double>
            {
                ["c1_1_serverLinked"] = p.ServerLinkedFraction,
                ["c1_2_graphEdges"] = p.ServerGraphEdgeFraction,
                ["c1_2_graphNodes"] = p.ServerGraphNodeFraction,
                ["c2_1_singleContactNotifications"] = p.SingleContactFraction,
                ["c2_1_reidentifiedPeople"] = p.SingleContactPeopleFraction,
                ["c3_1_snifferLocatedUploaders"] = p.SnifferLocatedUploaderFraction,
                ["c3_1_snifferLinkedDays"] = p.SnifferLinkedDayFraction,
                ["c3_1_snifferPeople"] = p.SnifferPeopleFraction,
                ["c4_1_replayAccepted30min"] = p.ReplayAccepted30Minutes,
                ["c4_1_replayAccepted3h"] = p.ReplayAccepted3Hours,
                ["c4_1_replayAccepted25h"] = p.ReplayAccepted25Hours,
                ["c4_1_replayFalseAlertsPerDay"] = p.ReplayFalseAlertsPerDay,
                ["c4_2_relayFalseAlertsPerDay"] = p.RelayFalseAlertsPerDay,
                ["c6_1_observerIdentifiedNoChaff"] = p.ObserverIdentifiedWithoutChaff,
                ["c6_1_observerPosteriorWithChaff"] = p.ObserverPosteriorWithChaff,
                ["c6_1_observerIdentifiedWithChaff"] = p.ObserverIdentifiedWithChaff,
            },
        };
    }

    private static string WriteJson(string directory, ScenarioPlan plan, string place, IReadOnlyList<RunRecord> records)
    {
        var path = Path.Combine(directory, "results.json");
        var document = new Dictionary<string, object>
        {
            ["place"] = place,
            ["people"] = records.Count > 0 ? records[0].Result.People : 0,
            ["days"] = plan.Base.Days,
            ["seeds"] = plan.Seeds,
            ["parameters"] = plan.Base,
            ["runs"] = records.Select(r => Row(r, records)).ToList(),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, s_json));
        return path;
    }

    private static string WriteCsv(string directory, IReadOnlyList<RunRecord> records)
    {
        var path = Path.Combine(directory, "results.csv");
        var sb = new StringBuilder();
        var rows = records.Select(r => Row(r, records)).ToList();
        if (rows.Count > 0)
        {
            var flat = rows.Select(Flatten).ToList();
            sb.AppendLine(string.Join(',', flat[0].Keys));
            foreach (var row in flat)
            {
                sb.AppendLine(string.Join(',', row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!.Replace(',', ';'))));
            }
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static Dictionary<string, object> Flatten(Dictionary<string, object> row)
    {
        var flat = new Dictionary<string, object>();
        foreach (var (k, v) in row)
        {
            if (v is Dictionary<string, double> nested)
            {
                foreach (var (nk, nv) in nested)
                {
                    flat[nk] = nv;
                }
            }
            else
            {
                flat[k] = v;
            }
        }
        return flat;
    }

    private static string WriteDaily(string directory, IReadOnlyList<RunRecord> records)
    {
        var path = Path.Combine(directory, "daily.csv");
        var sb = new StringBuilder("group,variable,value,design,adoption,seed,day,infections,symptomatic,hospitalisations,deaths,tests,positives,uploads,notifications,falseAlerts,quarantined,lockdown\n");
        foreach (var r in records)
        {
            var d = r.Result.Daily;
            for (var day = 0; day < d.Infections.Length; day++)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"{r.Group},{r.Variable.Replace(',', ';')},{r.Value},{r.Result.Design.ToString().ToLowerInvariant()},{r.Result.Adoption},{r.Result.Seed},{day},");
                sb.Append(CultureInfo.InvariantCulture,
                    $"{d.Infections[day]},{d.Symptomatic[day]},{d.Hospitalisations[day]},{d.Deaths[day]},{d.Tests[day]},{d.Positives[day]},{d.Uploads[day]},{d.Notifications[day]},{d.FalseAlerts[day]},{d.Quarantined[day]},{(d.Lockdown[day] ? 1 : 0)}\n");
            }
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
