using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>Writes JSON the way PHP's <c>json_encode</c> does by default: <c>/</c> as <c>\/</c>, non-ASCII as <c>\uXXXX</c>.</summary>
internal static class PhpJson
{
    public static byte[] Encode(JsonNode? node)
    {
        var text = new StringBuilder(256);
        Write(text, node);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                bool first = true;
                foreach ((string name, JsonNode? value) in obj)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    WriteString(text, name);
                    text.Append(':');
                    Write(text, value);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value when value.TryGetValue(out string? s):
                WriteString(text, s);
                break;
            case JsonValue value when value.TryGetValue(out bool b):
                text.Append(b ? "true" : "false");
                break;
            case JsonValue value when value.TryGetValue(out long l):
                text.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValue value when value.TryGetValue(out int i):
                text.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"The fake cannot write {node.GetType().Name} as JSON.");
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '/': text.Append("\\/"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
