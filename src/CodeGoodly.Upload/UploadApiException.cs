using System.Text;

namespace CodeGoodly.Upload;

/// <summary>
/// The one exception type the SDK throws for a failed call: the server refused it, answered with something unreadable,
/// or could not be reached. <see cref="Kind"/> says what happened; <see cref="ServerMessage"/> carries the server's own words.
/// </summary>
/// <remarks>The message never contains a key, password or access token.</remarks>
public class UploadApiException : Exception
{
    /// <summary>Creates an exception for a failed call.</summary>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="endpoint">The API endpoint, e.g. <c>file/info</c>.</param>
    /// <param name="message">A message for people; when <see langword="null"/> one is built from the other arguments.</param>
    /// <param name="httpStatus">The HTTP status of the answer, if there was one.</param>
    /// <param name="serverMessage">The API's <c>response</c> text, verbatim.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public UploadApiException(UploadErrorKind kind, string endpoint, string? message = null, int? httpStatus = null,
        string? serverMessage = null, Exception? innerException = null)
        : base(message ?? BuildMessage(kind, endpoint, httpStatus, serverMessage), innerException)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Kind = kind;
        Endpoint = endpoint;
        HttpStatus = httpStatus;
        ServerMessage = serverMessage;
    }

    /// <summary>What kind of failure this is.</summary>
    public UploadErrorKind Kind { get; }

    /// <summary>The HTTP status of the answer; <c>200</c> for the API's errors sent with HTTP 200; <see langword="null"/> when no answer came.</summary>
    public int? HttpStatus { get; }

    /// <summary>The API's <c>response</c> text, verbatim (or a bare-string body), when the server gave one.</summary>
    public string? ServerMessage { get; }

    /// <summary>The endpoint that failed, e.g. <c>file/info</c>.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// <see langword="true"/> when a write (upload, edit, move, copy, delete, create) failed in a way that leaves its effect unknown:
    /// the request was sent but no answer came back. Check the server's state before repeating it.
    /// </summary>
    public bool IsOutcomeUnknown { get; init; }

    private static string BuildMessage(UploadErrorKind kind, string endpoint, int? httpStatus, string? serverMessage)
    {
        var text = new StringBuilder();
        text.Append(endpoint).Append(" failed (").Append(kind);
        if (httpStatus is int status)
        {
            text.Append(", HTTP ").Append(status);
        }

        text.Append(')');
        if (!string.IsNullOrEmpty(serverMessage))
        {
            text.Append(": ").Append(Http.Redaction.RedactText(serverMessage)); // a server that echoes the request must not leak its secrets
        }

        return text.ToString();
    }
}
