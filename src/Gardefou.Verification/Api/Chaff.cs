using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Api;

/// <summary>
/// Chaff requests (header <c>X-Chaff</c> with any non-empty value, as Google's go-chaff detector and Gardefou's publish
/// endpoint read it): apps send them so that a network observer cannot tell who really uploads. The body is not read;
/// the answer is Google's <c>{"padding": ...}</c>, padded to the size of every other answer of the endpoint.
/// </summary>
internal static class Chaff
{
    public const string Header = "X-Chaff";

    public static bool IsChaff(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]);

    /// <summary>The payload of a chaff answer before padding: an empty object.</summary>
    public static object Payload { get; } = new Dictionary<string, object>();
}
