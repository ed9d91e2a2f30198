namespace Gardefou.Keys.Features.Publish;

/// <summary>The <c>code</c> values of publish errors, as the GAEN key server names them.</summary>
public static class PublishErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string UnknownHealthAuthority = "unknown_health_authority_id";
    public const string CertificateInvalid = "health_authority_verification_certificate_invalid";
    public const string MissingRevisionToken = "missing_revision_token";
    public const string InvalidRevisionToken = "invalid_revision_token";
    public const string KeyAlreadyRevised = "key_already_revised";
    public const string InvalidReportTypeTransition = "invalid_report_type_transition";
    public const string Sunset = "service_sunset";

    /// <summary>A 200 whose upload was saved without some of its keys (the <c>error</c> names them), as Google's key server.</summary>
    public const string PartialFailure = "partial_failure";
    public const string InternalError = "internal_error";
}
