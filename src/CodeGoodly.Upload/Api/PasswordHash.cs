using System.Security.Cryptography;
using System.Text;

namespace CodeGoodly.Upload.Api;

/// <summary>The API takes folder passwords as the MD5 hash (32 lowercase hex characters) of the plain text.</summary>
internal static class PasswordHash
{
    public static string? Md5Hex(string? plainText)
    {
        if (plainText is null)
        {
            return null;
        }

#pragma warning disable CA5351 // MD5 is what the API stores; it is the server's format, not our choice of protection.
        byte[] hash = MD5.HashData(Encoding.UTF8.GetBytes(plainText));
#pragma warning restore CA5351
        return Convert.ToHexString(hash).ToLowerInvariant();
    }
}
