using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Scenarios;

namespace Gardefou.Simulation.Reports;

public static partial class ReportWriter
{
    private static string WriteHtml(string directory, ScenarioPlan plan, string place, IReadOnlyList<RunRecord> records, List<string> plots)
    {
        var sb = new StringBuilder();
        var people = records.Count > 0 ? records[0].Result.People : 0;
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gardefou evaluator report</title><style>")
          .Append("body{font-family:'DejaVu Sans',sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}")
          .Append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right;font-size:13px}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}img{max-width:100%}")
          .Append("</style></head><body>");
        var findings = Findings.Of(plan, records);
        sb.Append(CultureInfo.InvariantCulture, $"<h1>Gardefou evaluator: {E(place)}</h1>");
        foreach (var warning in findings.Warnings)
        {
            sb.Append("<p style=\"background:#fde2e1;border-left:6px solid #c0392b;padding:.6em\"><strong>Warning.</strong> ").Append(E(warning)).Append("</p>");
        }
        sb.Append("<h2>What this study found</h2><ul>");
        foreach (var sentence in findings.Summary)
        {
            sb.Append("<li>").Append(E(sentence)).Append("</li>");
        }
        sb.Append("</ul>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>{people:N0} simulated people, {plan.Base.Days} days, {plan.Seeds} seeds; ")
          .Append(CultureInfo.InvariantCulture, $"designs {E(string.Join(", ", plan.Designs.Select(DesignName)))}. Values are mean ± 95% confidence half-width over seeds. Terms are defined in the glossary at the end.</p>");

        sb.Append("<h2>Epidemic and notification cascade</h2><table><tr><th>design</th><th>adoption</th><th>infections</th><th>averted vs no app</th><th>hospitalisations</th><th>deaths</th>")
          .Append("<th>uploads</th><th>notifications per upload</th><th>notified who test positive</th><th>notified not infected</th><th>notified infected (model SAR)</th><th>false alerts (no 2 m / 15 min contact)</th><th>false alerts per true alert</th><th>alerts from left-behind phones</th><th>quarantine-days of uninfected</th></tr>");
        foreach (var g in records.Where(r => r.Group == "grid").GroupBy(r => (r.Result.Design, r.Result.Adoption)).OrderBy(g => g.Key.Design).ThenBy(g => g.Key.Adoption))
        {
            var runs = g.ToList();
            string S(Func<RunResult, double> f, string format) => Stats.Of(runs.Select(r => f(r.Result))).Format(format);
            var averted = Stats.Of(runs.Select(r => 100 * Averted(r, records) / Math.Max(1, NoApp(r, records)))).Format("F1");
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{DesignName(g.Key.Design)}</td><td>{g.Key.Adoption:P0}</td><td>{S(r => r.Infections, "F0")}</td><td>{averted} %</td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{S(r => r.Hospitalisations, "F0")}</td><td>{S(r => r.Deaths, "F0")}</td><td>{S(r => r.Uploads, "F0")}</td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{S(r => r.NotificationsPerUpload, "F2")}</td><td>{S(r => 100 * r.PositiveAmongNotified, "F1")} %</td><td>{S(r => r.Notifications == 0 ? 0 : 100.0 * r.NotifiedNotInfected / r.Notifications, "F1")} %</td><td>{S(r => 100 * r.SecondaryAttackRateNotified, "F1")} %</td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{S(r => r.FalseAlerts, "F0")}</td><td>{S(r => r.FalseAlertsPerTrueAlert, "F2")}</td><td>{S(r => r.LeftBehindAlerts, "F0")}</td><td>{S(r => r.QuarantineDaysUninfected, "F0")}</td></tr>");
        }
        sb.Append("</table>");
        AppendPublishedComparison(sb, plan, records, findings);

        foreach (var plot in plots)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p><img alt=\"{E(Path.GetFileName(plot))}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(plot))}\"></p>");
        }

        if (records.Any(r => r.Group == "lever"))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<h2>Which lever? (from {ScenarioRunner.LeverAdoption(plan):P0} adoption)</h2><table><tr><th>lever</th><th>infections averted</th></tr>");
            foreach (var (lever, averted) in LeverEffects(plan, records))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(lever)}</td><td>{averted.Format("F0")}</td></tr>");
            }
            sb.Append("</table>");
        }

        AppendRules(sb, plan, records);
        AppendPrivacy(sb, records);
        AppendReference(sb);
        AppendGlossary(sb);
        sb.Append("<h2>Parameters</h2><pre>").Append(E(JsonSerializer.Serialize(plan, s_json))).Append("</pre></body></html>");
        var path = Path.Combine(directory, "report.html");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static void AppendPrivacy(StringBuilder sb, IReadOnlyList<RunRecord> records)
    {
        var top = records.Where(r => r.Group == "grid").Select(r => r.Result.Adoption).DefaultIfEmpty(0).Max();
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Privacy: fraction of the population re-identified or linked (adoption {top:P0})</h2>")
          .Append("<table><tr><th>adversary (catalogue ID)</th>");
        var groups = records.Where(r => r.Group == "grid" && r.Result.Adoption == top).GroupBy(r => r.Result.Design).OrderBy(g => g.Key).ToList();
        foreach (var g in groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<th>{DesignName(g.Key)}</th>");
        }
        sb.Append("</tr>");
        var rows = new (string Label, Func<Privacy.PrivacyReport, double> Value, string Format)[]
        {
            ("server links identifiers to a person (C1-1)", p => 100 * p.ServerLinkedFraction, "F2"),
            ("server rebuilds contact graph: share of contact-days (C1-2)", p => 100 * p.ServerGraphEdgeFraction, "F2"),
            ("server rebuilds contact graph: people in it (C1-2)", p => 100 * p.ServerGraphNodeFraction, "F2"),
            ("notified person met one person: share of notifications (C2-1)", p => 100 * p.SingleContactFraction, "F2"),
            ("positives unmasked that way (C2-1)", p => 100 * p.SingleContactPeopleFraction, "F3"),
            ("sniffers locate uploaders: share of uploaders (C3-1)", p => 100 * p.SnifferLocatedUploaderFraction, "F2"),
            ("sniffers: people located (C3-1)", p => 100 * p.SnifferPeopleFraction, "F3"),
            ("replayed identifiers accepted after 30 min (C4-1)", p => 100 * p.ReplayAccepted30Minutes, "F1"),
            ("replayed identifiers accepted after 3 h (C4-1)", p => 100 * p.ReplayAccepted3Hours, "F1"),
            ("replayed identifiers accepted after 25 h (C4-1)", p => 100 * p.ReplayAccepted25Hours, "F1"),
            ("false alerts per replay-day (C4-1)", p => p.ReplayFalseAlertsPerDay, "F1"),
            ("false alerts per relay-day (C4-2)", p => p.RelayFalseAlertsPerDay, "F1"),
            ("network observer identifies positives, no chaff (C6-1)", p => 100 * p.ObserverIdentifiedWithoutChaff, "F3"),
            ("observer posterior with chaff (C6-1)", p => 100 * p.ObserverPosteriorWithChaff, "F3"),
            ("observer identifies positives with chaff (C6-1)", p => 100 * p.ObserverIdentifiedWithChaff, "F3"),
        };
        foreach (var (label, value, format) in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(label)}</td>");
            foreach (var g in groups)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<td>{Stats.Of(g.Select(r => value(r.Result.Privacy))).Format(format)}</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table><p>Percentages, except the false alerts per day.</p>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
