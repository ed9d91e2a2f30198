namespace Gardefou.Server.Tests.Support;

/// <summary>A prepared publish: its JSON (serialized once, so it can be replayed byte for byte) and the secrets it carries.</summary>
internal sealed record Upload(string Json, string Code, string Token, string Certificate, string HmacKey, IReadOnlyList<string> Keys)
{
    /// <summary>Every secret string of the upload, none of which may ever reach a log.</summary>
    public IEnumerable<string> Secrets => [Code, Token, Certificate, HmacKey, .. Keys];
}
