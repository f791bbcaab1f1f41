using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CodeGoodly.Upload.Redis;

/// <summary>
/// Encrypts a session's token for Redis with AES-256-GCM under the session's protection key: a random 96-bit nonce per write,
/// the session id as associated data (a blob copied to another session's key does not decrypt).
/// </summary>
/// <remarks>Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext of [account id length (4, big-endian) | account id | access token] (UTF-8).</remarks>
internal static class TokenProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;
    private const string AssociatedDataLabel = "CodeGoodly.Upload.Redis session token v1\n";

    public static byte[] Protect(UploadSessionKey key, UploadSessionToken token)
    {
        int accountIdLength = Encoding.UTF8.GetByteCount(token.AccountId);
        byte[] plaintext = new byte[4 + accountIdLength + Encoding.UTF8.GetByteCount(token.AccessToken)];
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(plaintext, accountIdLength);
            Encoding.UTF8.GetBytes(token.AccountId, plaintext.AsSpan(4, accountIdLength));
            Encoding.UTF8.GetBytes(token.AccessToken, plaintext.AsSpan(4 + accountIdLength));

            byte[] blob = new byte[HeaderSize + plaintext.Length];
            blob[0] = FormatVersion;
            Span<byte> nonce = blob.AsSpan(1, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key.ProtectionKey.Span, TagSize);
            aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), AssociatedData(key));
            return blob;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Decrypts a blob <see cref="Protect"/> wrote for <paramref name="key"/>; <see langword="null"/> for anything else (other key, tampered, other format).</summary>
    public static UploadSessionToken? Unprotect(UploadSessionKey key, ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderSize + 4 || blob[0] != FormatVersion)
        {
            return null;
        }

        byte[] plaintext = new byte[blob.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key.ProtectionKey.Span, TagSize);
            aes.Decrypt(blob.Slice(1, NonceSize), blob[HeaderSize..], blob.Slice(1 + NonceSize, TagSize), plaintext, AssociatedData(key));
            int accountIdLength = BinaryPrimitives.ReadInt32BigEndian(plaintext);
            if (accountIdLength <= 0 || accountIdLength >= plaintext.Length - 4)
            {
                return null;
            }

            return new UploadSessionToken(
                Encoding.UTF8.GetString(plaintext, 4 + accountIdLength, plaintext.Length - 4 - accountIdLength),
                Encoding.UTF8.GetString(plaintext, 4, accountIdLength));
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(UploadSessionKey key) => Encoding.UTF8.GetBytes(AssociatedDataLabel + key.Id);
}
