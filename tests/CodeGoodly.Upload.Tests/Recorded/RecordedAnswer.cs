using System.Text.Json;

namespace CodeGoodly.Upload.Tests.Recorded;

/// <summary>
/// One answer of a deployed server, as recorded in <c>Recorded/*.jsonl</c> (copies of <c>shared/api/recorded/</c>): the case,
/// the curl command that asked, and the HTTP status, Content-Type and body that came back.
/// </summary>
public sealed record RecordedAnswer(string File, string Case, string Request, int Status, string? ContentType, string Body)
{
    /// <summary>The recordings: PHP 8.2 (database columns as JSON numbers) and the same server fetching them as strings.</summary>
    public static readonly IReadOnlyList<string> Files = ["php82-numbers", "php-strings"];

    private static readonly Lazy<IReadOnlyList<RecordedAnswer>> Loaded = new(Load);

    /// <summary>Every recorded answer of every file, in file order.</summary>
    public static IReadOnlyList<RecordedAnswer> All => Loaded.Value;

    /// <summary>The answer of <paramref name="caseName"/> in <paramref name="file"/>.</summary>
    public static RecordedAnswer Get(string file, string caseName) => All.Single(a => a.File == file && a.Case == caseName);

    /// <summary>
    /// The API path the recorded request asked for, without <c>/api/v2/</c> or a query string, lower-cased (the server's paths
    /// are case-insensitive); <see langword="null"/> when the request named no URL at all.
    /// </summary>
    public string? Path
    {
        get
        {
            const string prefix = "/api/v2/";
            int at = Request.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            string rest = Request[(at + prefix.Length)..];
            int end = rest.IndexOfAny([' ', '\\', '?']);
            return (end < 0 ? rest : rest[..end]).ToLowerInvariant();
        }
    }

    /// <summary>Whether the recorded request signed in with a username and password rather than the key pair.</summary>
    public bool UsesLogin => Request.Contains(" username=", StringComparison.Ordinal);

    /// <summary>
    /// The server's own words in the body, read independently of the SDK: the envelope's <c>response</c>, else its <c>"0"</c>
    /// (unknown action), else the body itself when it is a bare JSON string; <see langword="null"/> for HTML and other non-JSON.
    /// </summary>
    public string? ServerWords
    {
        get
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(Body);
                JsonElement root = document.RootElement;
                if (root.ValueKind == JsonValueKind.String)
                {
                    return root.GetString();
                }

                if (root.ValueKind == JsonValueKind.Object)
                {
                    foreach (string key in new[] { "response", "0" })
                    {
                        if (root.TryGetProperty(key, out JsonElement words) && words.ValueKind == JsonValueKind.String)
                        {
                            return words.GetString();
                        }
                    }
                }

                return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The body's bytes as the server sent them (the recording stores them as a UTF-8 string).</summary>
    public byte[] BodyBytes => System.Text.Encoding.UTF8.GetBytes(Body);

    public override string ToString() => $"{File}/{Case}";

    private static List<RecordedAnswer> Load()
    {
        var answers = new List<RecordedAnswer>();
        foreach (string file in Files)
        {
            string path = System.IO.Path.Combine(AppContext.BaseDirectory, "Recorded", file + ".jsonl");
            foreach (string line in System.IO.File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                using JsonDocument document = JsonDocument.Parse(line);
                JsonElement root = document.RootElement;
                answers.Add(new RecordedAnswer(
                    file,
                    root.GetProperty("case").GetString()!,
                    root.GetProperty("request").GetString()!,
                    root.GetProperty("status").GetInt32(),
                    root.TryGetProperty("content_type", out JsonElement type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
                    root.GetProperty("body").GetString()!));
            }
        }

        return answers;
    }
}
