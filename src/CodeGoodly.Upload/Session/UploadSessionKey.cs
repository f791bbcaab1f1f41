using System.Security.Cryptography;
using System.Text;

namespace CodeGoodly.Upload;

/// <summary>
/// Names one account's session on one server without revealing the credentials: <see cref="Id"/> for looking it up,
/// <see cref="ProtectionKey"/> for encrypting the token. Both are derived (HKDF-SHA256) from the base address and the
/// credentials, with different labels, so neither reveals the credentials or the other.
/// </summary>
/// <remarks><see cref="ToString"/> shows only <see cref="Id"/>.</remarks>
public sealed class UploadSessionKey
{
    private const string IdLabel = "CodeGoodly.Upload session id v1";
    private const string ProtectionLabel = "CodeGoodly.Upload session token protection v1";
    private readonly byte[] protectionKey;

    private UploadSessionKey(string id, byte[] protectionKey)
    {
        Id = id;
        this.protectionKey = protectionKey;
    }

    /// <summary>A stable name for the session (64 lowercase hex characters): the same for every client with the same base address and credentials.</summary>
    public string Id { get; }

    /// <summary>A 256-bit key derived from the credentials, for encrypting the token at rest (e.g. AES-GCM). A secret: never log or store it.</summary>
    public ReadOnlyMemory<byte> ProtectionKey => protectionKey;

    /// <summary>Derives the key of the session that clients with these settings share.</summary>
    /// <param name="options">The settings; their base address and credential pair are used.</param>
    /// <exception cref="ArgumentException">The settings hold no complete credential pair.</exception>
    public static UploadSessionKey For(UploadClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string secret = !string.IsNullOrEmpty(options.Key1) && !string.IsNullOrEmpty(options.Key2)
            ? "keys\n" + options.Key1 + "\n" + options.Key2
            : !string.IsNullOrEmpty(options.Username) && !string.IsNullOrEmpty(options.Password)
                ? "login\n" + options.Username + "\n" + options.Password
                : throw new ArgumentException("The settings hold no complete credential pair (Key1 + Key2, or Username + Password).", nameof(options));
        byte[] inputKey = Encoding.UTF8.GetBytes(secret);
        byte[] salt = Encoding.UTF8.GetBytes(options.BaseAddress.AbsoluteUri.TrimEnd('/').ToUpperInvariant());
        try
        {
            byte[] id = HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKey, 32, salt, Encoding.UTF8.GetBytes(IdLabel));
            byte[] protection = HKDF.DeriveKey(HashAlgorithmName.SHA256, inputKey, 32, salt, Encoding.UTF8.GetBytes(ProtectionLabel));
            return new UploadSessionKey(Convert.ToHexString(id).ToLowerInvariant(), protection);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inputKey);
        }
    }

    /// <summary>Shows the session's <see cref="Id"/>, never the protection key.</summary>
    public override string ToString() => $"UploadSessionKey {{ Id = {Id} }}";
}
