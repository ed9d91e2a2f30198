using Gardefou.Hosting.Results;

namespace Gardefou.Hosting.Tests.Results;

public sealed class OutcomeTests
{
    private static Outcome<int, string> ParsePositive(string text)
    {
        if (!int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return Outcome.Fail("a positive whole number is required");
        }
        return value;
    }

    [Fact]
    public void A_success_gives_its_value_and_no_error()
    {
        Assert.True(ParsePositive("42").TryGetValue(out var value, out var error));
        Assert.Equal(42, value);
        Assert.Null(error);
        Assert.Throws<InvalidOperationException>(() => ParsePositive("42").Error);
    }

    [Fact]
    public void A_failure_gives_its_error_and_no_value()
    {
        Assert.False(ParsePositive("-1").TryGetValue(out _, out var error));
        Assert.Equal("a positive whole number is required", error);
        Assert.Throws<InvalidOperationException>(() => ParsePositive("x").Value);
    }
}
