using System.Globalization;
using System.Text;
using Gardefou.Simulation.Scenarios;
using ScottPlot;

namespace Gardefou.Simulation.Reports;

public static partial class ReportWriter
{
    /// <summary>One rule at one uptake, averaged over seeds: what it buys and what it costs.</summary>
    internal sealed record RulePoint(string Rule, double Adoption, Stats AvertedPercent, Stats NotifiedNotInfectedPercent, Stats QuarantineDaysPer1000, Stats NotificationsPerUpload);

    /// <summary>
    /// Every notification rule run, at every uptake: the base rule from the grid (first design), the others from the
    /// "rules" sweep. False alerts here are the share of notified people who were not infected around the exposure.
    /// </summary>
    internal static List<RulePoint> RulePoints(ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        var first = plan.Designs[0];
        var runs = records.Where(r => (r.Group == "grid" && r.Result.Design == first && r.Result.Adoption > 0) || r.Group == "rules");
        return runs.GroupBy(r => (Rule: ScenarioRunner.RuleName(r.Result.Rule), r.Result.Adoption)).OrderBy(g => g.Key.Rule).ThenBy(g => g.Key.Adoption)
            .Select(g => new RulePoint(g.Key.Rule, g.Key.Adoption,
                Stats.Of(g.Select(r => 100 * Averted(r, records) / Math.Max(1, NoApp(r, records)))),
                Stats.Of(g.Select(r => 100 * r.Result.NotifiedNotInfectedShare)),
                Stats.Of(g.Select(r => 1000.0 * r.Result.QuarantineDaysUninfected / r.Result.People)),
                Stats.Of(g.Select(r => r.Result.NotificationsPerUpload))))
            .ToList();
    }

    // The trade-off in one picture: efficacy (up) against false alerts (right), one line per rule through its uptakes,
    // each point sized and labelled by the quarantine days it cost people who were not infected.
    private static string RulesPlot(string directory, ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        var points = RulePoints(plan, records);
        var plt = NewPlot("Notification rules: infections averted against false alerts",
            "notified people not infected (%); point size and label: quarantine-days of uninfected per 1,000 people", "infections averted vs no app (%)");
        var maxQuarantine = Math.Max(1, points.Max(p => p.QuarantineDaysPer1000.Mean));
        var index = 0;
        foreach (var rule in points.GroupBy(p => p.Rule))
        {
            var color = plt.Add.Palette.GetColor(index++);
            var line = plt.Add.Scatter(rule.Select(p => p.NotifiedNotInfectedPercent.Mean).ToArray(), rule.Select(p => p.AvertedPercent.Mean).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = rule.Key;
            foreach (var p in rule)
            {
                var x = p.NotifiedNotInfectedPercent.Mean;
                var y = p.AvertedPercent.Mean;
                plt.Add.Marker(x, y, MarkerShape.FilledCircle, (float)(6 + 24 * p.QuarantineDaysPer1000.Mean / maxQuarantine), color);
                var label = plt.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{p.Adoption:P0} uptake, {p.QuarantineDaysPer1000.Mean:F0} q-days"), x, y);
                label.LabelFontColor = color;
                label.LabelFontSize = 11;
                label.OffsetX = 10;
            }
        }
        // Room on the right for the labels of the rightmost points.
        plt.Axes.Margins(left: 0.05, right: 0.25, bottom: 0.1, top: 0.1);
        plt.ShowLegend();
        return Save(plt, directory, "notification-rules.png");
    }

    private static void AppendRules(StringBuilder sb, ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        if (!records.Any(r => r.Group == "rules"))
        {
            return;
        }
        sb.Append("<h2>Notification rules: efficacy against false alerts and quarantine</h2>")
          .Append("<p>The same epidemic, seeds and uptakes with each rule for deciding whom an upload notifies: <em>gaen</em>, the GAEN risk score of the scenario's configuration; ")
          .Append("<em>any-contact</em>, every app-to-app contact the phones heard at all; <em>manual-recall</em>, each app-using contact named with the recall of its setting, as a manual tracer would get. ")
          .Append("\"Notified not infected\" is the share of notified people who were not infected between two days before and 14 days after the exposure: what the person notified would call a false alert. ")
          .Append("The plot above (notification-rules.png) shows the same trade-off as one picture.</p>")
          .Append("<table><tr><th>rule</th><th>adoption</th><th>infections averted vs no app</th><th>notified not infected</th><th>quarantine-days of uninfected per 1,000 people</th><th>notifications per upload</th></tr>");
        foreach (var p in RulePoints(plan, records))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Rule)}</td><td>{p.Adoption:P0}</td><td>{p.AvertedPercent.Format("F1")} %</td><td>{p.NotifiedNotInfectedPercent.Format("F1")} %</td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{p.QuarantineDaysPer1000.Format("F0")}</td><td>{p.NotificationsPerUpload.Format("F2")}</td></tr>");
        }
        sb.Append("</table>");
    }
}
