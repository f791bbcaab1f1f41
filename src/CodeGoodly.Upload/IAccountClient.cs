namespace CodeGoodly.Upload;

/// <summary>The signed-in account (<c>/account/*</c>).</summary>
public interface IAccountClient
{
    /// <summary>Gets the signed-in account (<c>/account/info</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="UploadApiException">The server refused the call or could not be reached.</exception>
    Task<AccountInfo> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the limits of the account's package (<c>/account/package</c>). The result is remembered so that uploads can be checked against it before they start.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="UploadApiException">The server refused the call or could not be reached.</exception>
    Task<AccountPackage> GetPackageAsync(CancellationToken cancellationToken = default);
}
