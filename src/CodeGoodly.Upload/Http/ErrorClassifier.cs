using System.Net;
using CodeGoodly.Upload.Api;

namespace CodeGoodly.Upload.Http;

/// <summary>Decides the <see cref="UploadErrorKind"/> of a failed answer from its HTTP status and the server's own words.</summary>
internal static class ErrorClassifier
{
    public const string TokenRejectedPrefix = "Could not validate access_token";

    /// <summary>
    /// The server's error messages (sent with HTTP 200), by the words they start with (or contain, where marked); the first
    /// match wins, so the narrow "Please provide the access_token" sits above the wide "Please provide". Every wording comes
    /// from the vendor's reference or from a deployed server's answers (shared/api/upload-api-v2.md, shared/api/recorded/).
    /// </summary>
    private static readonly (string Words, bool Anywhere, UploadErrorKind Kind)[] Messages =
    [
        // The session: re-authorizing is SessionHandler's job; what reaches here was refused even so.
        (TokenRejectedPrefix, false, UploadErrorKind.Authentication),
        ("Please provide the access_token", false, UploadErrorKind.Authentication),
        ("Could not authenticate", false, UploadErrorKind.Authentication),
        ("Your account level does not have access", false, UploadErrorKind.Authentication),

        // Administrator endpoints: the caller's account may not do this.
        ("API user must be an admin user", false, UploadErrorKind.Forbidden),
        ("You can not edit admin accounts", false, UploadErrorKind.Forbidden),
        ("You can not delete admin accounts", false, UploadErrorKind.Forbidden),
        ("API can not be used to create admin or moderator accounts", false, UploadErrorKind.Forbidden),

        // Missing things. Deleting or moving a folder that does not exist answers "Failed …", not "Could not find …".
        ("Could not find", false, UploadErrorKind.NotFound),
        ("Failed deleting the folder", false, UploadErrorKind.NotFound),
        ("Failed moving the folder", false, UploadErrorKind.NotFound),
        ("Failed loading a user account", false, UploadErrorKind.NotFound),

        // The request itself: a parameter missing or refused.
        ("Please provide", false, UploadErrorKind.InvalidArgument),
        ("Param ", false, UploadErrorKind.InvalidArgument),
        ("Did not receive uploaded file", false, UploadErrorKind.InvalidArgument),
        ("Filesize received was zero", false, UploadErrorKind.InvalidArgument),
        ("Unexpected Header", false, UploadErrorKind.InvalidArgument),
        ("already exists on another account", true, UploadErrorKind.InvalidArgument), // username or e-mail address
        ("Username must be", false, UploadErrorKind.InvalidArgument),                   // "… between 6-16 characters long."
        ("Password must", false, UploadErrorKind.InvalidArgument),                      // the site's password policy, in its words

        // The account's plan or the site's mode.
        ("not available in demo mode", true, UploadErrorKind.Forbidden),
        ("permission", true, UploadErrorKind.Forbidden),
        ("not allowed", true, UploadErrorKind.Forbidden),
    ];

    /// <summary>Classifies an error the API reported in its JSON envelope (usually with HTTP 200); unknown words are <see cref="UploadErrorKind.Server"/>.</summary>
    public static UploadErrorKind FromServerMessage(string endpoint, string? message)
    {
        // Whatever /authorize refuses ("Please provide key1 …", "Failed issuing access token.") means the client cannot sign in.
        if (endpoint == Endpoints.Authorize)
        {
            return UploadErrorKind.Authentication;
        }

        string text = message ?? string.Empty;
        foreach ((string words, bool anywhere, UploadErrorKind kind) in Messages)
        {
            if (anywhere ? text.Contains(words, StringComparison.OrdinalIgnoreCase) : text.StartsWith(words, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
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
