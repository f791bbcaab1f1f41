using System.Text.RegularExpressions;

namespace CodeGoodly.Upload.Http;

/// <summary>Removes secrets (tokens, keys, passwords, download tokens) from text that may reach a log or an exception.</summary>
internal static partial class Redaction
{
    public const string Mask = "***";

    /// <summary>Returns the URL with every query value that could grant access replaced by <c>***</c>.</summary>
    public static string RedactUrl(Uri? url) => url is null ? string.Empty : RedactText(url.OriginalString);

    /// <summary>Masks <c>access_token</c>, <c>key1</c>, <c>key2</c>, <c>password</c>, <c>download_token</c> values in form, query or JSON text.</summary>
    public static string RedactText(string text) =>
        SecretPattern().Replace(text, match => match.Groups["name"].Value + match.Groups["sep"].Value + Mask);

    [GeneratedRegex("""(?<name>\b(?:access_token|download_token|key1|key2|password|access_password)"?)(?<sep>\s*[=:]\s*"?)[^&"\s,}]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
