using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>
/// The answers a deployed server (YetiShare 4.x core, PHP 8.2 + MariaDB) gave, copied from shared/api/recorded/: one JSON
/// object a line with <c>case</c>, <c>request</c>, <c>status</c>, <c>content_type</c> and the raw <c>body</c>.
/// </summary>
internal static class Recorded
{
    /// <summary>PHP 8.2 defaults: database columns arrive as JSON numbers.</summary>
    public const string Php82Numbers = "php82-numbers.jsonl";

    /// <summary>Database values fetched as strings, as PHP before 8.1 sends them.</summary>
    public const string PhpStrings = "php-strings.jsonl";

    private static readonly Dictionary<string, Dictionary<string, RecordedAnswer>> Files = [];

    /// <summary>One recorded answer by its case name, e.g. <c>39_file_upload_nonascii_root</c>.</summary>
    public static RecordedAnswer Case(string file, string name)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(file, out Dictionary<string, RecordedAnswer>? cases))
            {
                cases = [];
                foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Recorded", file)))
                {
                    JsonElement entry = JsonDocument.Parse(line).RootElement;
                    string caseName = entry.GetProperty("case").GetString()!;
                    cases[caseName] = new RecordedAnswer(
                        caseName,
                        entry.GetProperty("status").GetInt32(),
                        entry.GetProperty("content_type").ValueKind == JsonValueKind.String ? entry.GetProperty("content_type").GetString() : null,
                        entry.GetProperty("body").GetString()!);
                }

                Files[file] = cases;
            }

            return cases[name];
        }
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> is shaped like <paramref name="recorded"/>: the same keys in the same order, and
    /// for every value the same JSON kind (string, number, bool, object, array). A <c>null</c> on either side matches any
    /// scalar, because which nullable columns are set depends on the state (dates, keywords, parents).
    /// </summary>
    public static void AssertSameShape(JsonElement recorded, JsonElement actual, string path = "$")
    {
        if (recorded.ValueKind == JsonValueKind.Null || actual.ValueKind == JsonValueKind.Null)
        {
            Assert.True(IsScalar(recorded) && IsScalar(actual), $"{path}: recorded {recorded.ValueKind}, fake {actual.ValueKind}");
            return;
        }

        Assert.True(Kind(recorded) == Kind(actual), $"{path}: recorded {Kind(recorded)} {Short(recorded)}, fake {Kind(actual)} {Short(actual)}");
        switch (recorded.ValueKind)
        {
            case JsonValueKind.Object:
                string[] recordedKeys = recorded.EnumerateObject().Select(p => p.Name).ToArray();
                string[] actualKeys = actual.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.True(recordedKeys.SequenceEqual(actualKeys), $"{path}: recorded keys [{string.Join(", ", recordedKeys)}], fake keys [{string.Join(", ", actualKeys)}]");
                foreach (JsonProperty property in recorded.EnumerateObject())
                {
                    AssertSameShape(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                int recordedCount = recorded.GetArrayLength();
                int actualCount = actual.GetArrayLength();
                Assert.True(recordedCount == 0 == (actualCount == 0), $"{path}: recorded {recordedCount} items, fake {actualCount}");
                for (int i = 0; i < Math.Min(recordedCount, actualCount); i++)
                {
                    AssertSameShape(recorded[i], actual[i], $"{path}[{i}]");
                }

                break;
        }
    }

    /// <summary>Asserts the two bodies are the same JSON apart from <c>_datetime</c> (for errors and answers without state).</summary>
    public static void AssertSameJson(JsonElement recorded, JsonElement actual, string path = "$")
    {
        Assert.True(Kind(recorded) == Kind(actual), $"{path}: recorded {Short(recorded)}, fake {Short(actual)}");
        switch (recorded.ValueKind)
        {
            case JsonValueKind.Object:
                string[] recordedKeys = recorded.EnumerateObject().Select(p => p.Name).ToArray();
                string[] actualKeys = actual.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.True(recordedKeys.SequenceEqual(actualKeys), $"{path}: recorded keys [{string.Join(", ", recordedKeys)}], fake keys [{string.Join(", ", actualKeys)}]");
                foreach (JsonProperty property in recorded.EnumerateObject().Where(p => p.Name != "_datetime"))
                {
                    AssertSameJson(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(recorded.GetArrayLength(), actual.GetArrayLength());
                for (int i = 0; i < recorded.GetArrayLength(); i++)
                {
                    AssertSameJson(recorded[i], actual[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(recorded.GetRawText() == actual.GetRawText(), $"{path}: recorded {recorded.GetRawText()}, fake {actual.GetRawText()}");
                break;
        }
    }

    private static bool IsScalar(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => value.ValueKind.ToString(),
    };

    private static string Short(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}

/// <summary>One recorded answer.</summary>
internal sealed record RecordedAnswer(string Case, int Status, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
