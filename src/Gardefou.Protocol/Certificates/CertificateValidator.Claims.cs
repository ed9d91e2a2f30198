using System.Text.Json;
using Gardefou.Protocol.Time;
using static Gardefou.Protocol.Certificates.CertificateValidationError;

namespace Gardefou.Protocol.Certificates;

public sealed partial class CertificateValidator
{
    // Largest Unix time DateTimeOffset can hold (9999-12-31T23:59:59Z).
    private const long MaxUnixSeconds = 253_402_300_799;

    private CertificateValidationResult CheckClaims(JsonElement claims, string issuer)
    {
        if (!AudienceMatches(claims))
        {
            return CertificateValidationResult.Fail(WrongAudience, "The certificate is meant for another audience.");
        }
        if (!TryGetTime(claims, "iat", out var issuedAt) || !TryGetTime(claims, "nbf", out var notBefore) || !TryGetTime(claims, "exp", out var expiresAt))
        {
            return CertificateValidationResult.Fail(InvalidClaims, "iat, nbf and exp must be whole Unix seconds.");
        }
        var now = _time.GetUtcNow();
        if (notBefore - _options.ClockSkew > now || issuedAt - _options.ClockSkew > now)
        {
            return CertificateValidationResult.Fail(NotYetValid, "The certificate is not valid yet.");
        }
        if (expiresAt + _options.ClockSkew <= now)
        {
            return CertificateValidationResult.Fail(Expired, "The certificate has expired.");
        }
        if (!CertificateValidator.TryGetString(claims, "reportType", out var reportTypeText) || !CertificateReportTypes.TryParse(reportTypeText, out var reportType))
        {
            return CertificateValidationResult.Fail(InvalidReportType, "reportType must be confirmed, likely, negative or user-report.");
        }
        EnIntervalNumber? onset = null;
        if (claims.TryGetProperty("symptomOnsetInterval", out var onsetClaim))
        {
            if (onsetClaim.ValueKind != JsonValueKind.Number || !onsetClaim.TryGetInt32(out var onsetValue) || onsetValue < 0)
            {
                return CertificateValidationResult.Fail(InvalidClaims, "symptomOnsetInterval must be an EN interval number.");
            }
            // Google's server writes 0 for "no onset"; an interval of 0 (1970) carries no information either.
            onset = onsetValue == 0 ? null : new EnIntervalNumber(onsetValue);
        }
        if (!CertificateValidator.TryGetString(claims, "tekmac", out var tekMac) || tekMac.Length == 0)
        {
            return CertificateValidationResult.Fail(InvalidClaims, "The tekmac claim is missing.");
        }
        return CertificateValidationResult.Ok(new VerificationCertificate(
            issuer, _options.Audience, issuedAt, notBefore, expiresAt, reportType, onset, tekMac));
    }

    private bool AudienceMatches(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }
        // RFC 7519 allows one audience or an array of them.
        if (aud.ValueKind == JsonValueKind.String)
        {
            return aud.GetString() == _options.Audience;
        }
        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() == _options.Audience)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool TryGetTime(JsonElement claims, string name, out DateTimeOffset time)
    {
        time = default;
        if (!claims.TryGetProperty(name, out var claim) || claim.ValueKind != JsonValueKind.Number
            || !claim.TryGetInt64(out var seconds) || seconds is < 0 or > MaxUnixSeconds)
        {
            return false;
        }
        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
