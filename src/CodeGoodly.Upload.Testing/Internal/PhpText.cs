using System.Text;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>The text handling of the server's PHP that shows in its answers.</summary>
internal static class PhpText
{
    private static readonly char[] PhpTrimmed = [' ', '\t', '\n', '\r', '\0', '\x0B'];

    /// <summary>What the server makes of every request parameter: <c>trim(strip_tags($value))</c>.</summary>
    public static string CleanParameter(string value) => StripTags(value).Trim(PhpTrimmed);

    /// <summary>
    /// PHP's <c>strip_tags</c>: drops everything from a <c>&lt;</c> that starts a tag to its closing <c>&gt;</c> (a <c>&gt;</c> inside
    /// quotes does not close it; an unclosed tag runs to the end). A <c>&lt;</c> followed by white space is kept as text.
    /// </summary>
    public static string StripTags(string value)
    {
        if (!value.Contains('<', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '<' || i + 1 >= value.Length || char.IsWhiteSpace(value[i + 1]))
            {
                text.Append(c);
                continue;
            }

            char quote = '\0';
            for (i++; i < value.Length; i++)
            {
                char inner = value[i];
                if (quote != '\0')
                {
                    quote = inner == quote ? '\0' : quote;
                }
                else if (inner is '"' or '\'')
                {
                    quote = inner;
                }
                else if (inner == '>')
                {
                    break;
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The name a file is stored under: the server re-posts the upload with libcurl, which writes a <c>"</c> in a file name as
    /// <c>%22</c> (and line breaks as <c>%0D</c>/<c>%0A</c>), so that is what it stores.
    /// </summary>
    public static string CurlFileName(string name) =>
        name.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A name as the server writes it into a URL path: spaces, quotes, <c>%</c> and other URL-breaking characters become <c>_</c>; letters of any script stay.</summary>
    public static string Slug(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            text.Append(c is ' ' or '"' or '\'' or '%' or '&' or '/' or '\\' or '#' or '<' or '>' or '\t' or '\r' or '\n' ? '_' : c);
        }

        return text.ToString();
    }

    /// <summary>PHP's <c>htmlspecialchars</c>: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and <c>&quot;</c>; everything else as it is.</summary>
    public static string HtmlSpecialChars(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
