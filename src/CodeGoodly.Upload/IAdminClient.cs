namespace CodeGoodly.Upload;

/// <summary>Administrator endpoints (accounts with <c>level_id</c> 20): manage user accounts and list packages.</summary>
/// <remarks>
/// The server's refusals arrive as <see cref="UploadApiException"/> with its words: <see cref="UploadErrorKind.Forbidden"/> for a
/// caller that is not an administrator and for administrator accounts or packages, <see cref="UploadErrorKind.NotFound"/> for an
/// unknown account, <see cref="UploadErrorKind.InvalidArgument"/> for a taken username or e-mail address and the site's
/// username and password rules.
/// </remarks>
public interface IAdminClient
{
    /// <summary>Creates a user account (<c>/account/create</c>).</summary>
    /// <param name="account">The new account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account the server created.</returns>
    Task<AccountInfo> CreateAccountAsync(NewAccount account, CancellationToken cancellationToken = default);

    /// <summary>Changes a user account (<c>/account/edit</c>); the account is named by its id.</summary>
    /// <param name="accountId">The account to change.</param>
    /// <param name="changes">What to change; at least one member must be set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AccountInfo> EditAccountAsync(long accountId, AccountChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes a user account (<c>/account/delete</c>).</summary>
    /// <param name="accountId">The account to delete.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAccountAsync(long accountId, CancellationToken cancellationToken = default);

    /// <summary>Lists the site's account packages (<c>/package/listing</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<AccountPackage>> ListPackagesAsync(CancellationToken cancellationToken = default);
}
