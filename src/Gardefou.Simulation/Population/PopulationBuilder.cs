using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Population;

/// <summary>Builds a <see cref="SyntheticPopulation"/> from real communes; parallel over communes, deterministic for a seed.</summary>
public static partial class PopulationBuilder
{
    /// <summary>Builds the population of <paramref name="communes"/> (scaled to <see cref="PopulationParameters.Size"/> if set).</summary>
    public static SyntheticPopulation Build(IReadOnlyList<Commune> communes, PopulationParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(communes);
        if (communes.Count == 0)
        {
            throw new ArgumentException("no communes selected");
        }
        if (communes.Count > ushort.MaxValue)
        {
            throw new ArgumentException("too many communes");
        }
        var counts = Counts(communes, parameters.Size, seed);
        var population = new SyntheticPopulation(checked((int)counts.Sum(c => (long)c)), communes);
        for (var c = 0; c < communes.Count; c++)
        {
            population.CommuneStart[c + 1] = population.CommuneStart[c] + counts[c];
        }
        var pyramid = parameters.AgePyramid.ToArray();
        var sizes = Cumulative(parameters.HouseholdSizes);
        var otherAdults = OtherAdultWeights(pyramid, parameters.HouseholdSizes);
        Parallel.For(0, communes.Count, c => FillCommune(population, c, pyramid, otherAdults, sizes, seed));
        AssignDayGroups(population, parameters, seed);
        return population;
    }

    private static int[] Counts(IReadOnlyList<Commune> communes, int? size, ulong seed)
    {
        var counts = new int[communes.Count];
        long total = communes.Sum(c => (long)c.Population);
        var scale = size is { } n ? (double)n / total : 1.0;
        for (var c = 0; c < counts.Length; c++)
        {
            var exact = communes[c].Population * scale;
            var floor = Math.Floor(exact);
            counts[c] = (int)floor + (Hash.Chance(Hash.Of(seed, (ulong)Purpose.Scaling, (ulong)c), exact - floor) ? 1 : 0);
        }
        if (counts.Sum() == 0)
        {
            counts[0] = 1;
        }
        return counts;
    }

    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var result = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }
        return result;
    }

    // Share of households with children among those of two people, and among those of three or more.
    private const double TwoWithChild = 0.15;
    private const double LargerWithChildren = 0.85;

    /// <summary>
    /// Age weights of the adults who are not parents of a household with children. Parents are 20–59, so drawing the
    /// other adults from the plain pyramid leaves the over-60s about 35% short (France: 60–69 at 7.9% for 12.0%, and
    /// deaths short by as much); these weights give each band what the parents leave of its share, so that the
    /// population matches the pyramid.
    /// </summary>
    internal static double[] OtherAdultWeights(IReadOnlyList<double> pyramid, IReadOnlyList<double> householdSizes)
    {
        double people = 0, parents = 0;
        for (var i = 0; i < householdSizes.Count; i++)
        {
            var size = i + 1;
            people += householdSizes[i] * size;
            parents += householdSizes[i] * (size == 2 ? TwoWithChild : size >= 3 ? 2 * LargerWithChildren : 0);
        }
        var parentShare = people > 0 ? parents / people : 0;
        var parentBands = 0.0;
        for (var band = 2; band <= 5; band++)
        {
            parentBands += pyramid[band];
        }
        var weights = new double[9];
        for (var band = 2; band < 9; band++)
        {
            var asParents = band <= 5 && parentBands > 0 ? parentShare * pyramid[band] / parentBands : 0;
            weights[band] = Math.Max(0, pyramid[band] - asParents);
        }
        if (weights.Sum() <= 0)
        {
            for (var band = 2; band < 9; band++)
            {
                weights[band] = pyramid[band];
            }
        }
        return weights;
    }

    // Households are drawn by size; the first two members are adults (a couple, or a single parent with a child in 15%
    // of two-person households), further members are children in 85% of households, else adults (adult children,
    // grandparents). Adults in households with children are 20–59, the other adults are drawn so that every band gets
    // its share of the pyramid (OtherAdultWeights): within a point per band (see the population tests) without a
    // separate matching step.
    private static void FillCommune(SyntheticPopulation p, int commune, double[] pyramid, double[] otherAdults, double[] sizes, ulong seed)
    {
        var rng = new RandomStream(Hash.Of(seed, (ulong)Purpose.Households, (ulong)commune));
        Span<double> adultAll = stackalloc double[9];
        Span<double> adultParent = stackalloc double[9];
        Span<double> child = stackalloc double[9];
        var a = 0.0;
        var b = 0.0;
        var k = 0.0;
        for (var band = 0; band < 9; band++)
        {
            a += otherAdults[band];
            b += band is >= 2 and <= 5 ? pyramid[band] : 0;
            k += band < 2 ? pyramid[band] : 0;
            adultAll[band] = a;
            adultParent[band] = b;
            child[band] = k;
        }
        var start = p.CommuneStart[commune];
        var end = p.CommuneStart[commune + 1];
        var i = start;
        while (i < end)
        {
            var size = Math.Min(rng.NextFromCumulative(sizes) + 1, end - i);
            var withChildren = size >= 3 ? rng.NextDouble() < LargerWithChildren : size == 2 && rng.NextDouble() < TwoWithChild;
            for (var m = 0; m < size; m++)
            {
                var person = i + m;
                byte band;
                if (m == 0 || (m == 1 && size >= 3) || (m >= 1 && !withChildren))
                {
                    band = (byte)rng.NextFromCumulative(withChildren ? adultParent : adultAll);
                }
                else
                {
                    band = (byte)rng.NextFromCumulative(child);
                }
                p.AgeBand[person] = band;
                p.CommuneOf[person] = (ushort)commune;
                p.HouseholdStart[person] = i;
                p.HouseholdSize[person] = (byte)size;
                p.DayGroup[person] = -1;
                p.TransportGroup[person] = -1;
            }
            i += size;
        }
    }
}
