using System.Net;

namespace CodeGoodly.Upload.Http;

/// <summary>Decides the <see cref="UploadErrorKind"/> of a failed answer from its HTTP status and the server's own words.</summary>
internal static class ErrorClassifier
{
    public const string TokenRejectedPrefix = "Could not validate access_token";

    /// <summary>Classifies an error the API reported in its JSON envelope (usually with HTTP 200).</summary>
    public static UploadErrorKind FromServerMessage(string endpoint, string? message)
    {
        string text = message ?? string.Empty;
        if (endpoint == ApiEndpoint.Authorize || text.StartsWith(TokenRejectedPrefix, StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Please provide the access_token", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Could not authenticate", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Your account level does not have access", StringComparison.OrdinalIgnoreCase))
        {
            return UploadErrorKind.Authentication;
        }

        if (text.StartsWith("Could not find", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Failed deleting the folder", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Failed moving the folder", StringComparison.OrdinalIgnoreCase))
        {
            return UploadErrorKind.NotFound;
        }

        if (text.StartsWith("Please provide", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Param ", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Did not receive uploaded file", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Filesize received was zero", StringComparison.OrdinalIgnoreCase))
        {
            return UploadErrorKind.InvalidArgument;
        }

        if (text.Contains("not available in demo mode", StringComparison.OrdinalIgnoreCase)
            || text.Contains("permission", StringComparison.OrdinalIgnoreCase)
            || text.Contains("not allowed", StringComparison.OrdinalIgnoreCase))
        {
            return UploadErrorKind.Forbidden;
        }

        return UploadErrorKind.Server;
    }

    /// <summary>Classifies a non-2xx answer by its status.</summary>
    public static UploadErrorKind FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 or 405 or 413 or 414 or 415 or 422 => UploadErrorKind.InvalidArgument,
        401 => UploadErrorKind.Authentication,
        403 => UploadErrorKind.Forbidden,
        404 or 410 => UploadErrorKind.NotFound,
        408 => UploadErrorKind.Network,
        429 => UploadErrorKind.RateLimited,
        >= 500 and <= 599 => UploadErrorKind.Server,
        _ => UploadErrorKind.UnexpectedResponse,
    };
}
