using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.Api;

/// <summary>
/// Reads any JSON scalar as a string: the API sends the same field as <c>"1253"</c>, <c>1253</c>, <c>true</c> or <c>null</c>
/// depending on whether PHP read it from the database or computed it. Objects and arrays are a shape error.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.True => "1",
            JsonTokenType.False => "0",
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a JSON scalar but found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
