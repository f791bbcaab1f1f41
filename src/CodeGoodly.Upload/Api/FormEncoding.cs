using System.Text;

namespace CodeGoodly.Upload.Api;

/// <summary>The wire format of form fields: names the session adds and <c>application/x-www-form-urlencoded</c> encoding as <see cref="FormUrlEncodedContent"/> writes it.</summary>
internal static class FormEncoding
{
    public const string AccessTokenField = "access_token";
    public const string AccountIdField = "account_id";

    /// <summary>Encodes a form name or value the way <see cref="FormUrlEncodedContent"/> does.</summary>
    public static string EncodeValue(string value) =>
        string.IsNullOrEmpty(value) ? string.Empty : Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>Whether the encoded form <paramref name="encoded"/> has a field named <paramref name="name"/> (an ASCII name that needs no encoding).</summary>
    public static bool HasField(ReadOnlySpan<byte> encoded, string name)
    {
        Span<byte> wanted = stackalloc byte[name.Length];
        Encoding.ASCII.GetBytes(name, wanted);
        for (ReadOnlySpan<byte> rest = encoded; !rest.IsEmpty;)
        {
            int ampersand = rest.IndexOf((byte)'&');
            ReadOnlySpan<byte> field = ampersand < 0 ? rest : rest[..ampersand];
            rest = ampersand < 0 ? default : rest[(ampersand + 1)..];
            int equals = field.IndexOf((byte)'=');
            if ((equals < 0 ? field : field[..equals]).SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }
}
