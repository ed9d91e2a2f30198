using System.Globalization;
using System.Text;
using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Reference;
using Gardefou.Simulation.Scenarios;

namespace Gardefou.Simulation.Reports;

public static partial class ReportWriter
{
    /// <summary>A figure observed in a deployment, the model metric that means the same thing, and where and when it was observed.</summary>
    internal sealed record PublishedFigure(string Metric, Func<RunResult, double> Model, string Format, string Published, string Conditions);

    /// <summary>Only figures whose definition matches one of the model's metrics: each is shown beside that metric alone.</summary>
    internal static readonly IReadOnlyList<PublishedFigure> s_published =
    [
        new("notifications per upload", r => r.NotificationsPerUpload, "F2", "4.2",
            "NHS COVID-19 app, England and Wales, Sept–Dec 2020: 1.7 M notifications per consenting index case, 28% of the population using the app, GAEN with the NHS risk-score thresholds (Wymant et al. 2021, Nature 594:408)"),
        new("notifications per upload", r => r.NotificationsPerUpload, "F2", "≈ 4.2",
            "SwissCovid, canton of Zurich, Sept 2020: about 1,374 notified per 324 codes entered (Menges et al. 2021, JAMA Netw Open)"),
        new("share of notified people who test positive", r => 100 * r.PositiveAmongNotified, "F1", "6%",
            "NHS COVID-19 app, Sept–Dec 2020: notified contacts later reported positive (called a secondary attack rate in the paper, measured as positive tests; Wymant et al. 2021)"),
        new("share of notified people who test positive", r => 100 * r.PositiveAmongNotified, "F1", "6%",
            "Corona-Warn-App, Germany, survey of red-warned users, Mar–May 2021 (RKI/BMG interim evaluation, June 2021)"),
    ];

    // A published figure is shown only beside the model metric with the same definition, with the conditions under
    // which it was observed, and not at all when the epidemic died out (a ratio over a handful of events says nothing).
    private static void AppendPublishedComparison(StringBuilder sb, ScenarioPlan plan, IReadOnlyList<RunRecord> records, Findings findings)
    {
        sb.Append("<h2>Beside published figures</h2>");
        if (findings.EpidemicDiedOut)
        {
            sb.Append("<p>Not shown: the epidemic died out, so the model's ratios rest on too few events to compare with a deployment.</p>");
            return;
        }
        var grid = records.Where(r => r.Group == "grid" && r.Result.Adoption > 0).ToList();
        if (grid.Count == 0)
        {
            sb.Append("<p>Not shown: no run with the app.</p>");
            return;
        }
        // The deployments ran at 28% (NHS) or less: compare with the grid level closest to that, first design.
        var adoption = grid.Select(r => r.Result.Adoption).Distinct().OrderBy(a => Math.Abs(a - 0.28)).First();
        var runs = grid.Where(r => r.Result.Adoption == adoption && r.Result.Design == plan.Designs[0]).Select(r => r.Result).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<p>Model: {DesignName(plan.Designs[0])} at {adoption:P0} adoption (the grid level closest to the NHS app's 28%). Only figures measured the same way as a model metric are listed; a growing epidemic in a model town is not the deployment's epidemic, so agreement is a plausibility check, not a validation.</p>")
          .Append("<table><tr><th>metric</th><th>this study</th><th>published</th><th>where and when it was observed</th></tr>");
        foreach (var f in s_published)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.Metric)}</td><td>{Stats.Of(runs.Select(f.Model)).Format(f.Format)}{(f.Metric.StartsWith("share", StringComparison.Ordinal) ? " %" : "")}</td><td>{E(f.Published)}</td><td style=\"text-align:left\">{E(f.Conditions)}</td></tr>");
        }
        sb.Append("</table>");
    }

    private static void AppendGlossary(StringBuilder sb)
    {
        (string Term, string Meaning)[] terms =
        [
            ("infections averted", "infections in the run without the app minus infections in the run with it, same seed and population; in percent of the former"),
            ("upload", "a person who tested positive and published their keys (or, for ROBERT/BlueTrace/location, what the design sends)"),
            ("notification", "an app user alerted by the design's rule; a person is alerted at most once per 14 days"),
            ("notified who test positive", "notified people with a positive test within 14 days after the alert; what the NHS and Corona-Warn-App evaluations could measure (6%)"),
            ("notified infected (model SAR)", "notified people infected from two days before the exposure to 14 days after it, tested or not; only a model knows it, so it is higher than any field figure"),
            ("notified not infected", "notified people not infected in that window: alerts that, with hindsight, were not needed"),
            ("false alert", "a notification without a real contact within 2 m for 15 minutes with the uploader on the exposure day (the radio and the rule got the distance or duration wrong); a correct alert about a real close contact who was not infected is not a false alert"),
            ("false alerts per true alert", "false alerts divided by notifications that had such a contact"),
            ("alerts from left-behind phones", "notifications caused by a phone left on a hook at school or work, with no person behind it"),
            ("quarantine-days of uninfected", "person-days at home (isolation or quarantine, counted once when both) while not infected, as actually stayed: shortened by a negative test, lengthened by extensions, cut by drop-out"),
            ("notification rule", "whom an upload notifies: gaen (the GAEN risk score reaches its daily threshold), any-contact (every contact the phones heard), manual-recall (contacts named with the recall of their setting)"),
            ("q-days (rules plot)", "quarantine-days of uninfected people per 1,000 people in the population"),
            ("± (after a value)", "95% confidence half-width over seeds (Student t); when it is larger than the value, the value is within noise"),
        ];
        sb.Append("<h2>Glossary</h2><table>");
        foreach (var (term, meaning) in terms)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(term)}</td><td style=\"text-align:left\">{E(meaning)}</td></tr>");
        }
        sb.Append("</table>");
    }

    // The paper's own numbers (Ferretti et al. 2020, Science 368:eabb6936) beside what the reference model (our
    // implementation of its equations, Reference/FerrettiModel) computes for the same quantity.
    private static void AppendReference(StringBuilder sb)
    {
        var model = new FerrettiModel();
        var delayed = new FerrettiModel(3);
        string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
        sb.Append("<h2>Reference: Ferretti et al. 2020, the paper's values and the reference model's</h2>")
          .Append("<table><tr><th>quantity</th><th>published in the paper</th><th>reference model</th></tr>")
          .Append("<tr><td>R0 used for the control thresholds</td><td>2.0 (Table 2)</td><td>2.0 (input)</td></tr>")
          .Append(CultureInfo.InvariantCulture, $"<tr><td>R left when every symptomatic case is isolated at onset and no contact is traced</td><td>R0 − R_S = 2.0 − 0.8 = 1.2 (Table 2: pre-symptomatic 0.9, symptomatic 0.8, environmental 0.2, asymptomatic 0.1)</td><td>{F(model.ReproductionNumber(2.0, 1.0, 0.0))}</td></tr>")
          .Append(CultureInfo.InvariantCulture, $"<tr><td>isolation and tracing with a 3-day delay from onset</td><td>no combination of success rates controls the epidemic (structured summary)</td><td>R = {F(delayed.ReproductionNumber(2.0, 1.0, 1.0))} at 100% / 100%</td></tr>")
          .Append("</table>");
        double[] isolation = [0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        sb.Append("<p>The paper gives the tracing success needed for control only as contour plots (no table of numbers). The reference model's thresholds at R0 = 2, no delay:</p><table><tr><th>isolation success</th>");
        foreach (var i in isolation)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<th>{i:F1}</th>");
        }
        sb.Append("</tr><tr><td>tracing success needed (reference model)</td>");
        foreach (var i in isolation)
        {
            var r = model.RequiredTracing(2.0, i);
            sb.Append(r is { } v ? $"<td>{F(v)}</td>" : "<td>&gt;1</td>");
        }
        sb.Append("</tr></table>");
    }
}
