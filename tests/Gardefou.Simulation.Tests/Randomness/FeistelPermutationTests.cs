using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Tests.Randomness;

public sealed class FeistelPermutationTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void Is_a_bijection_whose_inverse_undoes_it(int n)
    {
        var perm = new FeistelPermutation(42, n);
        var seen = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var y = perm.Forward(i);
            Assert.InRange(y, 0, n - 1);
            Assert.False(seen[y]);
            seen[y] = true;
            Assert.Equal(i, perm.Inverse(y));
        }
    }

    [Fact]
    public void Pairs_are_symmetric_and_cover_everyone_but_at_most_one()
    {
        var perm = new FeistelPermutation(7, 1001);
        var unpaired = 0;
        for (var i = 0; i < 1001; i++)
        {
            var partner = perm.Partner(i);
            if (partner < 0)
            {
                unpaired++;
                continue;
            }
            Assert.NotEqual(i, partner);
            Assert.Equal(i, perm.Partner(partner));
        }
        Assert.Equal(1, unpaired);
    }

    [Fact]
    public void Different_keys_give_different_pairings()
    {
        var a = new FeistelPermutation(1, 500);
        var b = new FeistelPermutation(2, 500);
        Assert.Contains(Enumerable.Range(0, 500), i => a.Partner(i) != b.Partner(i));
    }
}
