using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

public sealed class GenerationIntervalTests
{
    [Fact]
    public void Daily_generation_weights_keep_the_mean_of_the_Weibull_they_discretise()
    {
        var disease = new DiseaseParameters();
        var weights = DiseaseProgression.GenerationWeights(disease);
        var mean = weights.Select((w, age) => w * age).Sum();
        // Ferretti et al. 2020: Weibull(2.826, 5.665), mean 5.05 days.
        var weibullMean = disease.GenerationScale * Math.Exp(LogGamma(1 + 1 / disease.GenerationShape));

        Assert.Equal(1.0, weights.Sum(), 9);
        Assert.InRange(mean, weibullMean - 0.1, weibullMean + 0.1);
    }

    // Lanczos approximation, enough for the mean of a Weibull.
    private static double LogGamma(double x)
    {
        double[] g = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        var a = 0.99999999999980993;
        var t = x + 7.5;
        for (var i = 0; i < 8; i++)
        {
            a += g[i] / (x + i + 1);
        }
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
