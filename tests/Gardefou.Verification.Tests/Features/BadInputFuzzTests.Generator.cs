using System.Text;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

public abstract partial class BadInputFuzzTests
{
    private static readonly string[] s_portalPosts = ["/portal/login", "/portal/logout", "/portal/issue", "/portal/users", "/portal/users/1/reset", "/portal/users/1/disable", "/portal/account"];
    private static readonly string[] s_gets = ["/.well-known/gardefou/verification-keys", "/portal", "/portal/login", "/portal/issue", "/portal/stats", "/portal/users", "/portal/portal.css", "/api/verify"];

    private FuzzRequest NextRequest(Random random)
    {
        var roll = random.Next(100);
        if (roll < 25)
        {
            // Issue: with no key, a wrong key, or the valid key but a body that can never be a valid request.
            var key = random.Next(3) switch { 0 => null, 1 => "gfv_" + Convert.ToBase64String(RandomBytes(random, random.Next(0, 300))), _ => _apiKey };
            var body = key == _apiKey ? InvalidIssueBody(random) : AnyBody(random, IssueTemplate);
            return Post("/api/issue", body, random, key);
        }
        if (roll < 50)
        {
            var template = $$"""{"code":"{{Pick(random, _usedCodes)}}"}""";
            return Post("/api/verify", random.Next(4) == 0 ? Encoding.UTF8.GetBytes(template) : AnyBody(random, template), random, null);
        }
        if (roll < 75)
        {
            var template = $$"""{"token":"{{Pick(random, _usedTokens)}}","ekeyhmac":"{{ApiCalls.PublishedTekHmac()}}"}""";
            return Post("/api/certificate", random.Next(4) == 0 ? Encoding.UTF8.GetBytes(template) : AnyBody(random, template), random, null);
        }
        if (roll < 90)
        {
            var form = random.Next(3) == 0
                ? Encoding.UTF8.GetBytes($"username={RandomText(random, 10)}&password={RandomText(random, 20)}&testType=confirmed&testDate=2026-11-28&__RequestVerificationToken={RandomText(random, 40)}")
                : AnyBody(random, "username=demo-admin&password=x");
            var type = random.Next(4) switch { 0 => "application/x-www-form-urlencoded", 1 => "multipart/form-data; boundary=xyz", 2 => "text/plain", _ => null };
            return new FuzzRequest(HttpMethod.Post, s_portalPosts[random.Next(s_portalPosts.Length)], form, type, null, false);
        }
        var method = random.Next(4) == 0 ? HttpMethod.Put : HttpMethod.Get;
        return new FuzzRequest(method, s_gets[random.Next(s_gets.Length)] + (random.Next(3) == 0 ? "?x=" + Uri.EscapeDataString(RandomText(random, 30)) : ""), null, null, null, false);
    }

    private const string IssueTemplate = """{"testType":"confirmed","testDate":"2026-11-28","symptomDate":"2026-11-27"}""";

    private static FuzzRequest Post(string path, byte[] body, Random random, string? key)
    {
        var type = random.Next(6) switch { 0 => "text/plain", 1 => null, _ => "application/json" };
        // Chaff answers 200 by design, with nothing stored; only on verify and certificate.
        var chaff = path != "/api/issue" && random.Next(10) == 0;
        return new FuzzRequest(HttpMethod.Post, path, body, type, key, chaff);
    }

    /// <summary>A body that is never a valid issue request: each mutation breaks the shape, a type, or a value.</summary>
    private static byte[] InvalidIssueBody(Random random) => random.Next(7) switch
    {
        0 => Encoding.UTF8.GetBytes(IssueTemplate[..random.Next(IssueTemplate.Length - 1)]),
        1 => Encoding.UTF8.GetBytes(IssueTemplate.Replace("}", $",\"{RandomText(random, 6)}x\":1}}", StringComparison.Ordinal)),
        2 => Encoding.UTF8.GetBytes(IssueTemplate.Replace("\"confirmed\"", RandomValue(random, allowString: false), StringComparison.Ordinal)),
        3 => Encoding.UTF8.GetBytes(IssueTemplate.Replace("2026-11-28", RandomText(random, random.Next(0, 12)) + "/", StringComparison.Ordinal)),
        4 => Encoding.UTF8.GetBytes(IssueTemplate.Replace("}", $",\"padding\":\"{new string('A', 64_000 + random.Next(100_000))}\"}}", StringComparison.Ordinal)),
        5 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"testType\":\"confirmed\xC3\x28\"")],
        _ => Encoding.UTF8.GetBytes(IssueTemplate.Replace("confirmed", "negative", StringComparison.Ordinal)),
    };

    private static byte[] AnyBody(Random random, string template) => random.Next(8) switch
    {
        0 => RandomBytes(random, random.Next(0, 3000)),
        1 => Encoding.UTF8.GetBytes(template[..random.Next(template.Length)]),
        2 => Encoding.UTF8.GetBytes(template.Replace("}", $",\"{RandomText(random, 8)}\":{RandomValue(random, allowString: true)}}}", StringComparison.Ordinal)),
        3 => Encoding.UTF8.GetBytes(ReplaceFirstValue(template, RandomValue(random, allowString: false))),
        4 => Encoding.UTF8.GetBytes(new string('[', 2000) + new string(']', 2000)),
        5 => Encoding.UTF8.GetBytes(template.Replace("}", $",\"padding\":\"{new string('B', 16_000 + random.Next(200_000))}\"}}", StringComparison.Ordinal)),
        6 => Encoding.UTF8.GetBytes(template + template),
        _ => Encoding.UTF8.GetBytes(RandomValue(random, allowString: true)),
    };

    private static string ReplaceFirstValue(string template, string value)
    {
        var colon = template.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return value + template;
        }
        var end = template.IndexOfAny([',', '}'], colon);
        return end < 0 ? template : template[..(colon + 1)] + value + template[end..];
    }

    private static string RandomValue(Random random, bool allowString) => random.Next(allowString ? 8 : 7) switch
    {
        0 => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => "1e999",
        2 => "true",
        3 => "null",
        4 => "[1,\"a\",{}]",
        5 => "{\"nested\":{\"deeper\":[]}}",
        6 => "-0.5",
        _ => "\"" + RandomText(random, random.Next(0, 50)).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal) + "\"",
    };

    private static string Pick(Random random, List<string> values) => values[random.Next(values.Count)];

    private static string RandomText(Random random, int length)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ é€\"\\{}[]:,'<>&%+/=";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[r.Next(chars.Length)];
            }
        });
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
