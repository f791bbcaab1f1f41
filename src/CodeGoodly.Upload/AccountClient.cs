using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload;

/// <summary>The <c>/account/*</c> endpoints of the signed-in account.</summary>
internal sealed class AccountClient(IUploadApi api, WireMapper mapper) : IAccountClient
{
    private AccountPackage? knownPackage;

    /// <summary>The package last read by <see cref="GetPackageAsync"/>, used to refuse an upload the server would refuse.</summary>
    public AccountPackage? KnownPackage => Volatile.Read(ref knownPackage);

    public Task<AccountInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        ApiCaller.CallAsync(Endpoints.AccountInfo, api.AccountInfoAsync, WireJsonContext.Default.WireEnvelopeWireAccount,
            envelope => mapper.ToAccount(ApiResponseReader.Data(envelope)), cancellationToken);

    public async Task<AccountPackage> GetPackageAsync(CancellationToken cancellationToken = default)
    {
        AccountPackage package = await ApiCaller.CallAsync(Endpoints.AccountPackage, api.AccountPackageAsync, WireJsonContext.Default.WireEnvelopeWirePackage,
            envelope => WireMapper.ToPackage(ApiResponseReader.Data(envelope)), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref knownPackage, package);
        return package;
    }
}
