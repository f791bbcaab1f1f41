using System.Text.RegularExpressions;

namespace CodeGoodly.Upload.Http;

/// <summary>Removes secrets (tokens, keys, passwords, download tokens) from text that may reach a log or an exception.</summary>
internal static partial class Redaction
{
    public const string Mask = "***";

    /// <summary>Returns the URL with every query value that could grant access replaced by <c>***</c>.</summary>
    public static string RedactUrl(Uri? url) => url is null ? string.Empty : RedactText(url.OriginalString);

    /// <summary>
    /// Masks <c>access_token</c>, <c>key1</c>, <c>key2</c>, <c>password</c>, <c>download_token</c>, <c>access_password</c> values in form,
    /// query or JSON text. A JSON string value is masked whole, to its closing quote (spaces, escaped quotes and backslashes included),
    /// or to the end of the text when it was cut off; any other value up to the next <c>&amp;</c>, quote, white space, comma or brace.
    /// </summary>
    public static string RedactText(string text) =>
        SecretPattern().Replace(text, match => match.Groups["name"].Value + match.Groups["sep"].Value
            + (match.Groups["open"].Success ? "\"" + Mask + match.Groups["close"].Value : Mask));

    // A quoted value runs to the first quote not escaped by a backslash (the atomic group never gives a character back, so a value
    // cannot end early on an escaped quote); form and query values are percent-encoded, so they hold no space, quote or '&'.
    [GeneratedRegex("""
        (?<name>\b(?:access_token|download_token|key1|key2|password|access_password)"?)(?<sep>\s*[=:]\s*)
        (?:(?<open>")(?>(?:[^"\\]|\\[\s\S]?)*)(?<close>"?)|[^&"\s,}]+)
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SecretPattern();
}
