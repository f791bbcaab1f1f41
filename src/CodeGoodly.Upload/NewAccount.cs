namespace CodeGoodly.Upload;

/// <summary>A user account to create with <see cref="IAdminClient.CreateAccountAsync"/>.</summary>
public sealed record NewAccount
{
    /// <summary>The user name.</summary>
    public required string Username { get; init; }

    /// <summary>The password in plain text, sent to the server once; never logged or printed.</summary>
    public required string Password { get; init; }

    /// <summary>The e-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>The package (account level) id, e.g. from <see cref="IAdminClient.ListPackagesAsync"/>.</summary>
    public long? PackageId { get; init; }

    /// <summary>The status, e.g. <c>active</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The title, e.g. <c>Mr</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The first name; sent blank when <see langword="null"/> (the server stores both names as sent and refuses a missing one).</summary>
    public string? FirstName { get; init; }

    /// <summary>The last name; sent blank when <see langword="null"/>.</summary>
    public string? LastName { get; init; }

    /// <summary>When the paid period ends, written in the server's time zone.</summary>
    public DateTimeOffset? PaidExpiryDate { get; init; }

    /// <summary>Describes the account without its password.</summary>
    public override string ToString() => $"NewAccount {{ Username = {Username}, Email = {Email}, PackageId = {PackageId}, Status = {Status} }}";
}
