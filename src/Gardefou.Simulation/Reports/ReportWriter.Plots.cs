using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Scenarios;
using ScottPlot;

namespace Gardefou.Simulation.Reports;

public static partial class ReportWriter
{
    private static List<string> Plots(string directory, ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        var files = new List<string>();
        var first = plan.Designs[0];
        var grid = records.Where(r => r.Group == "grid" && r.Result.Design == first).ToList();
        files.Add(Series(directory, "infections.png", "New infections per day", grid, d => d.Infections));
        files.Add(Series(directory, "hospitalisations.png", "Hospital admissions per day", grid, d => d.Hospitalisations));
        files.Add(Series(directory, "deaths.png", "Cumulative deaths", grid, d => Cumulative(d.Deaths)));
        files.Add(Averted(directory, plan, records));
        if (records.Any(r => r.Group == "lever"))
        {
            files.Add(Levers(directory, plan, records));
        }
        if (records.Any(r => r.Group == "rules"))
        {
            files.Add(RulesPlot(directory, plan, records));
        }
        foreach (var variable in records.Where(r => r.Group == "sweep").Select(r => r.Variable).Distinct())
        {
            files.Add(Sweep(directory, variable, records.Where(r => r.Group == "sweep" && r.Variable == variable).ToList()));
        }
        return files;
    }

    private static int[] Cumulative(int[] values)
    {
        var result = new int[values.Length];
        var sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            result[i] = sum;
        }
        return result;
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plt = new Plot();
        plt.Font.Set("DejaVu Sans");
        plt.Title(title);
        plt.XLabel(x);
        plt.YLabel(y);
        return plt;
    }

    private static string Save(Plot plt, string directory, string name)
    {
        var path = Path.Combine(directory, name);
        plt.SavePng(path, 900, 480);
        return path;
    }

    // Mean over seeds per adoption level, with the band between the lowest and highest seed.
    private static string Series(string directory, string name, string title, List<RunRecord> grid, Func<Engine.DailySeries, int[]> select)
    {
        var plt = NewPlot(title, "day", "people");
        var index = 0;
        foreach (var group in grid.GroupBy(r => r.Result.Adoption).OrderBy(g => g.Key))
        {
            var series = group.Select(r => select(r.Result.Daily)).ToList();
            var days = series[0].Length;
            var xs = Enumerable.Range(0, days).Select(d => (double)d).ToArray();
            var mean = xs.Select((_, d) => series.Average(s => (double)s[d])).ToArray();
            var low = xs.Select((_, d) => series.Min(s => (double)s[d])).ToArray();
            var high = xs.Select((_, d) => series.Max(s => (double)s[d])).ToArray();
            var color = plt.Add.Palette.GetColor(index++);
            var band = plt.Add.FillY(xs, low, high);
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
            var line = plt.Add.Scatter(xs, mean);
            line.Color = color;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = $"adoption {group.Key:P0}";
        }
        plt.ShowLegend();
        return Save(plt, directory, name);
    }

    private static string Averted(string directory, ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        var plt = NewPlot("Infections averted versus no app (mean, 95% CI over seeds)", "app adoption (%)", "infections averted (%)");
        var index = 0;
        foreach (var design in plan.Designs)
        {
            var points = records.Where(r => r.Group == "grid" && r.Result.Design == design).GroupBy(r => r.Result.Adoption).OrderBy(g => g.Key)
                .Select(g => (X: g.Key * 100, S: Stats.Of(g.Select(r => 100 * Averted(r, records) / Math.Max(1, NoApp(r, records)))))).ToList();
            var color = plt.Add.Palette.GetColor(index++);
            var line = plt.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.S.Mean).ToArray());
            line.Color = color;
            line.LegendText = design.ToString();
            var bars = plt.Add.ErrorBar(points.Select(p => p.X).ToArray(), points.Select(p => p.S.Mean).ToArray(), points.Select(p => p.S.HalfWidth).ToArray());
            bars.Color = color;
        }
        plt.ShowLegend();
        return Save(plt, directory, "averted.png");
    }

    internal static double NoApp(RunRecord r, IReadOnlyList<RunRecord> all) =>
        all.FirstOrDefault(x => x.Group == "grid" && x.Result.Adoption == 0 && x.Result.Seed == r.Result.Seed)?.Result.Infections ?? double.NaN;

    /// <summary>Infections averted by each lever relative to the grid run at the lever adoption (same seed, first design).</summary>
    internal static List<(string Lever, Stats Averted)> LeverEffects(ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        var a = ScenarioRunner.LeverAdoption(plan);
        var design = plan.Designs[0];
        return records.Where(r => r.Group == "lever").GroupBy(r => r.Variable).Select(g => (g.Key, Stats.Of(g.Select(r =>
        {
            var baseline = records.First(x => x.Group == "grid" && x.Result.Seed == r.Result.Seed && x.Result.Design == design && x.Result.Adoption == a);
            return (double)(baseline.Result.Infections - r.Result.Infections);
        })))).ToList();
    }

    private static string Levers(string directory, ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        var effects = LeverEffects(plan, records);
        var plt = NewPlot($"Infections averted from {ScenarioRunner.LeverAdoption(plan):P0} adoption by one lever", "", "infections averted");
        var positions = effects.Select((_, i) => (double)i).ToArray();
        plt.Add.Bars(positions, effects.Select(e => e.Averted.Mean).ToArray());
        plt.Add.ErrorBar(positions, effects.Select(e => e.Averted.Mean).ToArray(), effects.Select(e => e.Averted.HalfWidth).ToArray());
        plt.Axes.Bottom.SetTicks(positions, effects.Select(e => e.Lever).ToArray());
        return Save(plt, directory, "levers.png");
    }

    private static string Sweep(string directory, string variable, List<RunRecord> runs)
    {
        var plt = NewPlot($"Infections versus {variable}", variable, "infections");
        var points = runs.GroupBy(r => r.Value).OrderBy(g => g.Key).Select(g => (X: g.Key, S: Stats.Of(g.Select(r => (double)r.Result.Infections)))).ToList();
        plt.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.S.Mean).ToArray());
        plt.Add.ErrorBar(points.Select(p => p.X).ToArray(), points.Select(p => p.S.Mean).ToArray(), points.Select(p => p.S.HalfWidth).ToArray());
        var name = "sweep-" + new string(variable.Where(char.IsLetterOrDigit).ToArray()) + ".png";
        return Save(plt, directory, name);
    }

    internal static string DesignName(Design d) => d switch
    {
        Design.Gaen => "GAEN",
        Design.Dp3t => "DP-3T",
        Design.Robert => "ROBERT",
        Design.BlueTrace => "BlueTrace",
        _ => "Location",
    };
}
