using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>One way of spoiling an endpoint's documented answer, chosen by CsCheck (so a failure shrinks to a small case).</summary>
internal sealed record BodyMutation(int Endpoint, int Kind, int Position, int Replacement, int Status, int Seed)
{
    /// <summary>Values put where the documented answer has another one: wrong types, huge numbers, odd Unicode, nesting.</summary>
    private static readonly string[] Replacements =
    [
        "{}", "[]", "1e400", "123456789012345678901234567890", "-1", "\"𝄞 ü \u202e RTL 😀\"", "null", "true", "\"\"",
        """{"a":[1,{"b":null}],"c":"x"}""", "\"0000-00-00 00:00:00\"", "\"not a date\"", "\"99999999999999999999\"", "1.5", "\"http://[::1\"",
    ];

    /// <summary>Whole bodies that are JSON but not the expected envelope.</summary>
    private static readonly string[] Shapes =
    [
        "[]", "\"just a string\"", "null", "123", "{}", """{"_status":"success"}""", """{"_status":"success","data":null}""",
        """{"status":"error"}""", """{"_status":"error","response":{}}""", """{"_status":"success","data":[]}""", """{"_status":"success","data":"x"}""",
        """{"0":"No method found within endpoint (file): x","_status":"error"}""", """{"_status":1,"response":2}""",
    ];

    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 200, 404, 500, 400];

    public static Gen<BodyMutation> Gen { get; } =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, ApiSamples.All.Count - 1], CsCheck.Gen.Int[0, 6], CsCheck.Gen.Int[0, 100_000],
            CsCheck.Gen.Int[0, 100], CsCheck.Gen.Int[0, Statuses.Length - 1], CsCheck.Gen.Int)
        .Select(t => new BodyMutation(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6));

    public ApiSamples.Endpoint Target => ApiSamples.All[Endpoint];

    public int HttpStatus => Statuses[Status];

    /// <summary>The spoiled body.</summary>
    public byte[] Body()
    {
        string sample = Target.Sample;
        byte[] bytes = Encoding.UTF8.GetBytes(sample);
        var random = new Random(Seed);
        switch (Kind)
        {
            case 0: // truncated
                return bytes[..(Position % bytes.Length)];
            case 1: // bytes flipped
                for (int i = 0; i < 1 + (Position % 4); i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 + random.Next(255));
                }

                return bytes;
            case 2: // a value replaced by another type or an extreme
            {
                JsonNode root = JsonNode.Parse(sample)!;
                List<JsonNode> values = Descendants(root).ToList();
                JsonNode target = values[Position % values.Count];
                JsonNode? replacement = JsonNode.Parse(Replacements[Replacement % Replacements.Length]);
                Replace(target, replacement);
                return Encoding.UTF8.GetBytes(root.ToJsonString());
            }

            case 3: // a field dropped
            {
                JsonNode root = JsonNode.Parse(sample)!;
                List<(JsonObject Owner, string Name)> fields = Descendants(root).OfType<JsonObject>().Prepend(root.AsObject())
                    .SelectMany(o => o.Select(p => (o, p.Key))).ToList();
                (JsonObject owner, string name) = fields[Position % fields.Count];
                owner.Remove(name);
                return Encoding.UTF8.GetBytes(root.ToJsonString());
            }

            case 4: // noise
            {
                byte[] noise = new byte[Position % 300];
                random.NextBytes(noise);
                return noise;
            }

            case 5: // JSON of another shape
                return Encoding.UTF8.GetBytes(Shapes[Replacement % Shapes.Length]);
            default: // the documented answer itself
                return bytes;
        }
    }

    public override string ToString() => $"{Target.Path} kind={Kind} pos={Position} repl={Replacement} status={HttpStatus} seed={Seed}";

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (JsonNode? child in children)
        {
            if (child is null)
            {
                continue;
            }

            yield return child;
            foreach (JsonNode grandChild in Descendants(child))
            {
                yield return grandChild;
            }
        }
    }

    private static void Replace(JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject owner:
                owner[target.GetPropertyName()] = replacement;
                break;
            case JsonArray list:
                list[target.GetElementIndex()] = replacement;
                break;
        }
    }
}
