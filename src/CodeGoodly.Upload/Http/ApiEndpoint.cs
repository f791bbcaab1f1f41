namespace CodeGoodly.Upload.Http;

/// <summary>Names the API endpoint a request is for (e.g. <c>file/info</c>), read from the path template Refit records on the request.</summary>
internal static class ApiEndpoint
{
    public const string Authorize = "authorize";
    public const string DisableAccessToken = "disable_access_token";
    public const string FileUpload = "file/upload";
    public const string FileDownload = "file/download";

    private static readonly HttpRequestOptionsKey<string> RefitPathTemplate = new(Refit.HttpRequestMessageOptions.RelativePathTemplate);

    /// <summary>The endpoint of an API request, or <see langword="null"/> for any other request (such as a download GET).</summary>
    public static string? Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(RefitPathTemplate, out string? template) ? template.TrimStart('/') : null;

    /// <summary>Whether calling the endpoint twice could double its effect.</summary>
    public static bool IsWrite(string endpoint) => endpoint switch
    {
        "file/upload" or "file/edit" or "file/delete" or "file/move" or "file/copy"
            or "folder/create" or "folder/edit" or "folder/delete" or "folder/move"
            or "account/create" or "account/edit" or "account/delete" => true,
        _ => false,
    };
}
