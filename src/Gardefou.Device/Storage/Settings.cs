namespace Gardefou.Device.Storage;

/// <summary>The names of the rows of the <c>settings</c> table (read and written with <see cref="PlainSql"/>).</summary>
internal static class Settings
{
    public const string ServerUrl = "server.url";
    public const string VerificationUrl = "verification.url";
    public const string ApiKey = "verification.apiKey";
    public const string ExportPublicKeyPem = "exports.publicKeyPem";
    public const string LastExportPath = "exports.lastPath";
    public const string SunsetDate = "sunset.date";
    public const string NextChaff = "chaff.next";
    public const string ChaffSent = "chaff.sent";
    public const string Reported = "report.done";
    public const string RadioTxOffset = "radio.txOffsetDb";
    public const string RadioRxOffset = "radio.rxOffsetDb";
}
