using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeGoodly.Upload;

/// <summary>The numeric id of a file on the server (the API's <c>file_id</c>, sent and received as a string such as <c>"1253"</c>).</summary>
/// <param name="Value">The id; always positive for a real file.</param>
/// <remarks>System.Text.Json writes it as a plain number (<c>1253</c>), with or without a source-generated context: see <see cref="FileIdJsonConverter"/>.</remarks>
[JsonConverter(typeof(FileIdJsonConverter))]
public readonly record struct FileId(long Value)
{
    /// <summary>Returns the id as the API writes it, e.g. <c>1253</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Converts a number to a <see cref="FileId"/>.</summary>
    public static implicit operator FileId(long value) => new(value);
}

/// <summary>The numeric id of a folder on the server (the API's <c>folder_id</c>). The root folder has no id: pass <see langword="null"/> where a <see cref="FolderId"/>? is taken.</summary>
/// <param name="Value">The id; always positive for a real folder (<c>0</c> is read as the root where the root is allowed).</param>
/// <remarks>System.Text.Json writes it as a plain number (<c>125</c>), with or without a source-generated context: see <see cref="FolderIdJsonConverter"/>.</remarks>
[JsonConverter(typeof(FolderIdJsonConverter))]
public readonly record struct FolderId(long Value)
{
    /// <summary>Returns the id as the API writes it, e.g. <c>125</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Converts a number to a <see cref="FolderId"/>.</summary>
    public static implicit operator FolderId(long value) => new(value);
}

/// <summary>
/// Writes a <see cref="FileId"/> as a plain JSON number (<c>1253</c>) and reads it from a number or a string of digits, so SDK
/// records returned from a web API carry their ids as numbers. No reflection: safe for trimming and native AOT.
/// </summary>
public sealed class FileIdJsonConverter : JsonConverter<FileId>
{
    /// <inheritdoc/>
    public override FileId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(IdJson.Read(ref reader, "FileId"));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FileId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Value);
    }

    /// <inheritdoc/>
    public override FileId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(IdJson.Read(ref reader, "FileId"));

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, FileId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }
}

/// <summary>
/// Writes a <see cref="FolderId"/> as a plain JSON number (<c>125</c>) and reads it from a number or a string of digits, so SDK
/// records returned from a web API carry their ids as numbers. No reflection: safe for trimming and native AOT.
/// </summary>
public sealed class FolderIdJsonConverter : JsonConverter<FolderId>
{
    /// <inheritdoc/>
    public override FolderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(IdJson.Read(ref reader, "FolderId"));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FolderId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Value);
    }

    /// <inheritdoc/>
    public override FolderId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(IdJson.Read(ref reader, "FolderId"));

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, FolderId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }
}

/// <summary>Reads an id: a whole JSON number, or a string (or property name) of one, as the API itself writes ids.</summary>
internal static class IdJson
{
    public static long Read(ref Utf8JsonReader reader, string type)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long number))
        {
            return number;
        }

        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            if (!reader.ValueIsEscaped && Utf8Parser.TryParse(text, out long parsed, out int consumed) && consumed == text.Length)
            {
                return parsed;
            }

            if (reader.ValueIsEscaped
                && long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out parsed))
            {
                return parsed;
            }
        }

        throw new JsonException($"A {type} must be a whole number such as 1253, but the JSON held a {reader.TokenType} that is not one.");
    }
}
