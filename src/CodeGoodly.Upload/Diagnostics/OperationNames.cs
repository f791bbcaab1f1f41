namespace CodeGoodly.Upload.Diagnostics;

/// <summary>Names SDK operations for spans and metrics: <c>file/upload</c> → <c>files.upload</c>, <c>folder/listing</c> → <c>folders.list</c>.</summary>
internal static class OperationNames
{
    public const string Download = "files.download";

    /// <summary>Endpoints are a small fixed set: each name is built once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    public static string Of(string endpoint) =>
        Names.TryGetValue(endpoint, out string? name) ? name
        : Names.Count < 256 ? Names.GetOrAdd(endpoint, Build(endpoint))
        : Build(endpoint);

    private static string Build(string endpoint) => endpoint switch
    {
        "authorize" => "session.authorize",
        "disable_access_token" => "session.sign_out",
        "file/download" => "files.download_link",
        "folder/listing" => "folders.list",
        "package/listing" => "packages.list",
        _ => Generic(endpoint),
    };

    private static string Generic(string endpoint)
    {
        int slash = endpoint.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return endpoint;
        }

        string resource = endpoint[..slash] switch
        {
            "file" => "files",
            "folder" => "folders",
            var other => other,
        };
        return resource + "." + endpoint[(slash + 1)..];
    }
}
