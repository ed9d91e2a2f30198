using Gardefou.Verification.Codes;

namespace Gardefou.Verification.Tests.Codes;

public sealed class CodeFormatTests
{
    [Fact]
    public void New_codes_have_the_documented_shapes()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Matches("^[0-9]{8}$", CodeFormat.NewShortCode());
            Assert.Matches("^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{16}$", CodeFormat.NewLongCode());
        }
        Assert.Equal(32, CodeFormat.LongAlphabet.Distinct().Count());
        Assert.DoesNotContain('0', CodeFormat.LongAlphabet);
        Assert.DoesNotContain('O', CodeFormat.LongAlphabet);
        Assert.DoesNotContain('1', CodeFormat.LongAlphabet);
        Assert.DoesNotContain('I', CodeFormat.LongAlphabet);
    }

    [Theory]
    [InlineData("12345678", 'S', "12345678")]
    [InlineData("1234 5678", 'S', "12345678")]
    [InlineData("abcd-efgh-jkmn-pq23", 'L', "ABCDEFGHJKMNPQ23")]
    [InlineData("ABCDEFGHJKMNPQ2O", 'L', "")]
    [InlineData("1234567", 'L', "")]
    [InlineData("123456789", 'L', "")]
    [InlineData("", 'L', "")]
    [InlineData("ＡＢＣＤ", 'L', "")]
    public void Typed_codes_are_normalized_or_marked_unusable(string input, char kind, string normalized)
    {
        var (k, code) = CodeFormat.Normalize(input);

        Assert.Equal(kind, k);
        Assert.Equal(normalized, code);
    }

    [Fact]
    public void A_very_long_input_is_cut_before_any_work()
    {
        var (kind, code) = CodeFormat.Normalize(new string('7', 1_000_000));

        Assert.Equal('L', kind);
        Assert.Equal("", code);
    }
}
