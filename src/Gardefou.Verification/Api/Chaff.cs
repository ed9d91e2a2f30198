using System.Buffers.Text;
using System.Security.Cryptography;
using Gardefou.Verification.Codes;
using Gardefou.Verification.Features.Verify;

namespace Gardefou.Verification.Api;

/// <summary>
/// Answers to chaff requests (header <c>X-Chaff</c>): apps send them so that a network observer cannot tell
/// who really uploads. Same shape and about the same size as real answers; nothing is read or written.
/// </summary>
internal static class Chaff
{
    public static VerifyResponse VerifyResponse(DateOnly today) =>
        new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), "confirmed", null, Diagnosis.Format(today));

    public static string Certificate() =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48)) + "."
        + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(190)) + "."
        + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(64));
}
