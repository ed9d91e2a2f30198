namespace Gardefou.Verification.Storage;

/// <summary>What an API key may call, as Google's <c>ADMIN</c> and <c>DEVICE</c> key types.</summary>
public enum ApiKeyKind
{
    /// <summary>A lab's or hospital system's key: <c>POST /api/issue</c>.</summary>
    Admin = 0,

    /// <summary>An app's key: <c>POST /api/verify</c> and <c>POST /api/certificate</c>.</summary>
    Device = 1,
}
