using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>The HTTP details both front ends share: paths, secrets in the journal, the PHP session cookie, ranges.</summary>
internal static class FakeHttp
{
    public const string ApiPrefix = "/api/v2/";
    private const string SessionCookieName = "filehosting";
    private static readonly string[] SecretFields = ["access_token", "key1", "key2", "password", "download_token"];

    public static bool IsApiPath(string path) => path.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoint of a path: <c>/API/v2/File/Info/</c> → <c>file/info</c> (paths are case-insensitive on deployed servers).</summary>
    public static string EndpointOf(string path)
    {
        string decoded = Uri.UnescapeDataString(path);
        return decoded.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase)
            ? decoded[ApiPrefix.Length..].Trim('/').ToLowerInvariant()
            : decoded;
    }

    /// <summary>The fields with every secret (<c>access_token</c>, keys, password, <c>download_token</c>) shown as <c>***</c>.</summary>
    public static Dictionary<string, string> Redact(IReadOnlyDictionary<string, string> fields) =>
        fields.ToDictionary(f => f.Key, f => SecretFields.Contains(f.Key, StringComparer.OrdinalIgnoreCase) && f.Value.Length > 0 ? "***" : f.Value, StringComparer.Ordinal);

    public static string ReasonOf(int statusCode) => statusCode switch
    {
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => ((HttpStatusCode)statusCode).ToString(),
    };

    /// <summary>Whether a <c>Cookie</c> header brings the PHP session back (PHP then carries on with it and sets no new cookie).</summary>
    public static bool HasSessionCookie(string? cookieHeader) =>
        cookieHeader is not null && cookieHeader.Split(';').Any(c => c.TrimStart().StartsWith(SessionCookieName + "=", StringComparison.Ordinal));

    /// <summary>A fresh PHP session cookie, as the site sets on every answer to a request that brought none.</summary>
    public static string NewSessionCookie() => $"{SessionCookieName}={RandomNumberGenerator.GetString("0123456789abcdefghijklmnopqrstuv", 26)}; path=/";

    /// <summary>The client's address as PHP's <c>REMOTE_ADDR</c> shows it (IPv4 without the IPv6 mapping).</summary>
    public static string ClientIpOf(IPAddress? address) =>
        address is null ? "127.0.0.1" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>An attachment header Kestrel accepts (ASCII only): an ASCII fallback name plus the UTF-8 name in <c>filename*</c>.</summary>
    public static string ContentDisposition(string fileName)
    {
        string ascii = new(fileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_').ToArray());
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    /// <summary>Reads <c>bytes=N-</c>, <c>bytes=N-M</c> or <c>bytes=-N</c>; false when the range cannot be satisfied.</summary>
    public static bool TryParseRange(string header, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        string[] bounds = header["bytes=".Length..].Split('-', 2);
        if (bounds.Length != 2)
        {
            return false;
        }

        bool hasStart = long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out long first);
        bool hasEnd = long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out long last);
        if (!hasStart && hasEnd)
        {
            start = Math.Max(0, length - last);
        }
        else if (hasStart)
        {
            start = first;
            end = hasEnd ? Math.Min(last, length - 1) : length - 1;
        }
        else
        {
            return false;
        }

        return start < length && start <= end;
    }
}
