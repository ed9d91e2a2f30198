using System.Buffers.Text;
using System.Security.Cryptography;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Features.Certificate;
using Gardefou.Verification.Features.Verify;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Api;

/// <summary>
/// Chaff requests (header <c>X-Chaff</c> with any non-empty value, as Google's go-chaff detector and Gardefou's publish
/// endpoint read it): apps send them so that a network observer cannot tell who really uploads. The body is not read.
/// Google's answer is only <c>{"padding": ...}</c> and clients must not parse it; Gardefou's has the shape of a real
/// answer with random content (a phone that does read it is not broken), padded to the size of every other answer.
/// </summary>
internal static class Chaff
{
    public const string Header = "X-Chaff";

    public static bool IsChaff(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]);

    /// <summary>A verify answer of the real shape: random token, nothing stored.</summary>
    public static VerifyResponse Verify(DateOnly today) =>
        new("confirmed", null, Diagnosis.Format(today), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>A certificate answer of the real shape: three random base64url parts, signed by nobody.</summary>
    public static CertificateResponse Certificate() =>
        new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48)) + "."
            + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(190)) + "."
            + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(64)));
}
