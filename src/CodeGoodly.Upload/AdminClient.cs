using System.Globalization;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload;

/// <summary>The administrator endpoints: <c>/account/create</c>, <c>/account/edit</c>, <c>/account/delete</c>, <c>/package/listing</c>.</summary>
internal sealed class AdminClient(IUploadApi api, WireMapper mapper) : IAdminClient
{
    public Task<AccountInfo> CreateAccountAsync(NewAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var form = new AccountCreateForm
        {
            Username = Guard.Name(account.Username, nameof(account)),
            Password = Required(account.Password, "Password", nameof(account)),
            Email = Required(account.Email, "Email", nameof(account)),
            PackageId = account.PackageId?.ToString(CultureInfo.InvariantCulture),
            Status = account.Status,
            Title = account.Title,
            // The server inserts both names as sent: a missing one is NULL in a NOT NULL column, and the answer an HTML
            // "Database Error" page. A caller who gives no name means a blank one.
            FirstName = account.FirstName ?? string.Empty,
            LastName = account.LastName ?? string.Empty,
            PaidExpiryDate = FormatDate(account.PaidExpiryDate),
        };
        return CallAccountAsync(Endpoints.AccountCreate, ct => api.AccountCreateAsync(form, ct), cancellationToken);
    }

    public Task<AccountInfo> EditAccountAsync(long accountId, AccountChanges changes, CancellationToken cancellationToken = default)
    {
        string id = WireFormat.AccountId(Guard.AccountId(accountId, nameof(accountId)));
        ArgumentNullException.ThrowIfNull(changes);
        if (changes is { Password: null, Email: null, PackageId: null, Status: null, Title: null, FirstName: null, LastName: null, PaidExpiryDate: null })
        {
            throw new ArgumentException("AccountChanges must set at least one member.", nameof(changes));
        }

        var form = new AccountEditForm
        {
            AccountId = id,
            Password = changes.Password,
            Email = changes.Email,
            PackageId = changes.PackageId?.ToString(CultureInfo.InvariantCulture),
            Status = changes.Status,
            Title = changes.Title,
            FirstName = changes.FirstName,
            LastName = changes.LastName,
            PaidExpiryDate = FormatDate(changes.PaidExpiryDate),
        };
        return CallAccountAsync(Endpoints.AccountEdit, ct => api.AccountEditAsync(form, ct), cancellationToken);
    }

    public Task DeleteAccountAsync(long accountId, CancellationToken cancellationToken = default)
    {
        var form = new AccountIdForm { AccountId = WireFormat.AccountId(Guard.AccountId(accountId, nameof(accountId))) };
        return ApiCaller.CallAsync(Endpoints.AccountDelete, ct => api.AccountDeleteAsync(form, ct), WireJsonContext.Default.WireEnvelope, _ => true, cancellationToken);
    }

    public Task<IReadOnlyList<AccountPackage>> ListPackagesAsync(CancellationToken cancellationToken = default) =>
        ApiCaller.CallAsync<WireEnvelope<WirePackageList>, IReadOnlyList<AccountPackage>>(Endpoints.PackageListing, api.PackageListingAsync,
            WireJsonContext.Default.WireEnvelopeWirePackageList,
            envelope => (ApiResponseReader.Data(envelope).Packages ?? throw new FormatException("Field 'packages' is missing."))
                .OfType<WirePackage>().Select(WireMapper.ToPackage).ToArray(),
            cancellationToken);

    private Task<AccountInfo> CallAccountAsync(string endpoint, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        ApiCaller.CallAsync(endpoint, send, WireJsonContext.Default.WireEnvelopeWireAccount,
            envelope => mapper.ToAccount(ApiResponseReader.Data(envelope)), cancellationToken);

    private string? FormatDate(DateTimeOffset? date) => date is { } value ? WireValue.FormatDate(value, mapper.ServerTimeZone) : null;

    private static string Required(string? value, string member, string parameterName) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"{member} is required.", parameterName) : value;
}
