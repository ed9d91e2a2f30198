using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gardefou.Verification.Features.Issue;

/// <summary>
/// A boolean that may also come as the string <c>"true"</c> or <c>"false"</c>: Google's api.md shows
/// <c>"onlyGenerateSMS": "&lt;true|false&gt;"</c>, so a client written from the docs may quote it.
/// </summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.String when reader.ValueTextEquals("true"u8) => true,
        JsonTokenType.String when reader.ValueTextEquals("false"u8) => false,
        _ => throw new JsonException("onlyGenerateSMS must be true or false."),
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteBooleanValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
