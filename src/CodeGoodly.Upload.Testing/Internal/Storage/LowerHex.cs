using System.Globalization;

namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>Lower-case hex, as PHP's <c>md5()</c> prints a hash (<c>Convert.ToHexStringLower</c> is .NET 9 and later).</summary>
internal static class LowerHex
{
    public static string Of(byte[] bytes) =>
#if NET9_0_OR_GREATER
        Convert.ToHexStringLower(bytes);
#else
        string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
#endif
}
