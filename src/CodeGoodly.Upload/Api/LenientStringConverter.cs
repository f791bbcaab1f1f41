using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.Api;

/// <summary>
/// Reads any JSON scalar as a string: the API sends the same field as <c>"1253"</c>, <c>1253</c>, <c>true</c> or <c>null</c>
/// depending on whether PHP read it from the database or computed it. Objects and arrays are a shape error.
/// </summary>
/// <remarks>
/// <c>false</c> is PHP's "no value" (<c>"hash": false</c>, <c>"error": false</c>) and reads as <see langword="null"/>, like <c>null</c>:
/// read as <c>"0"</c> it became a hash, a per-file upload error or a name. Flags and numbers lose nothing by it (an absent flag
/// is off, an absent count is unknown). <c>true</c> reads as <c>"1"</c>, the flag's "on".
/// </remarks>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.True => "1",
            JsonTokenType.False or JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a JSON scalar but found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
