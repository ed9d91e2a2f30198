namespace Gardefou.Keys.Features.Publish;

/// <summary>Why a publish was refused: an HTTP status, a GAEN error code and a message safe to show (it never echoes key material).</summary>
public sealed record PublishError(int Status, string Code, string Message)
{
    public static PublishError BadRequest(string message) => new(400, PublishErrorCodes.BadRequest, message);
}
