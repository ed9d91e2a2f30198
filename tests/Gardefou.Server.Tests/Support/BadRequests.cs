using System.Text;
using System.Text.Json.Nodes;

namespace Gardefou.Server.Tests.Support;

/// <summary>A seeded generator of hostile requests: mutated JSON, wrong types, truncations, huge bodies, replays, odd paths.</summary>
internal sealed class BadRequests
{
    private static readonly string[] s_jsonEndpoints = ["/v1/publish", "/api/verify", "/api/certificate", "/api/issue"];
    private static readonly string[] s_getPaths =
    [
        "/v1/exports/index.txt?after=", "/v1/exports/", "/v1/exports/period/", "/v1/exports/daily/index.txt?after=",
        "/.well-known/gardefou/verification-keys", "/portal/login", "/portal/issue", "/health/ready", "/openapi/v1.json", "/v1/publish",
    ];

    private readonly Random _random;
    private readonly Upload _valid;
    private readonly string _usedCode;

    public BadRequests(Random random, Upload valid, string usedCode)
    {
        _random = random;
        _valid = valid;
        _usedCode = usedCode;
    }

    public HttpRequestMessage Next() => _random.Next(10) switch
    {
        0 => Get(),
        1 => Replay(),
        2 => Json("/v1/publish", Truncate(_valid.Json)),
        3 => Json(Pick(s_jsonEndpoints), RandomText(_random.Next(0, 300))),
        4 => Json(Pick(s_jsonEndpoints), "{\"padding\":\"" + new string('x', _random.Next(70_000, 900_000)) + "\"}"),
        5 => Json("/api/verify", $"{{\"code\":{Pick(["\"" + _usedCode + "\"", "\"00000000\"", "12345678", "null", "[]", "\"" + RandomText(20) + "\""])}}}"),
        6 => Json("/api/certificate", $"{{\"token\":\"{RandomText(40)}\",\"ekeyhmac\":\"{Convert.ToBase64String(Bytes(_random.Next(0, 64)))}\"}}"),
        7 => WithContentType(Pick(s_jsonEndpoints), Pick(["text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded"])),
        _ => Json("/v1/publish", MutatePublish()),
    };

    private HttpRequestMessage Get()
    {
        var path = Pick(s_getPaths);
        var suffix = _random.Next(3) switch
        {
            0 => Uri.EscapeDataString(RandomText(_random.Next(0, 40))),
            1 => Pick(["..%2F..%2Fkeys.db", "period/1-2-3.zip", "%00", "index.txt%2F..", "../verification.db", "period/99999999999-1-1.zip"]),
            _ => "",
        };
        return new HttpRequestMessage(HttpMethod.Get, path + suffix);
    }

    private HttpRequestMessage Replay()
    {
        var request = Json("/v1/publish", _valid.Json);
        if (_random.Next(2) == 0)
        {
            request.Headers.Add("X-Chaff", "1");
        }
        return request;
    }

    private string MutatePublish()
    {
        var node = JsonNode.Parse(_valid.Json)!.AsObject();
        string[] fields = ["temporaryExposureKeys", "healthAuthorityID", "verificationPayload", "hmacKey", "symptomOnsetInterval", "traveler", "revisionToken", "padding", "unknownField"];
        JsonNode?[] values = [null, 0, -1, int.MaxValue, long.MaxValue, 1.5, true, "", "x", RandomText(100), new JsonArray(), new JsonObject(), new JsonArray(1, 2, 3)];
        for (var n = _random.Next(1, 4); n > 0; n--)
        {
            var field = Pick(fields);
            if (field == "temporaryExposureKeys" && _random.Next(2) == 0 && node[field] is JsonArray keys)
            {
                if (keys.Count > 0 && keys[_random.Next(keys.Count)] is JsonObject key)
                {
                    var keyField = Pick(["key", "rollingStartNumber", "rollingPeriod", "transmissionRisk", "extra"]);
                    key[keyField] = Pick(values)?.DeepClone();
                }
                for (var extra = _random.Next(0, 3) * 20; extra > 0 && keys.Count > 0; extra--)
                {
                    keys.Add(keys[0]?.DeepClone());
                }
                continue;
            }
            node[field] = Pick(values)?.DeepClone();
        }
        return node.ToJsonString();
    }

    private HttpRequestMessage Json(string path, string body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private HttpRequestMessage WithContentType(string path, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(_valid.Json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private string Truncate(string text) => text[.._random.Next(0, text.Length)];

    private string RandomText(int length)
    {
        const string alphabet = "abcXYZ0189{}[]\":,.\\/+-= \u00e9\u4e2d\t\n";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
