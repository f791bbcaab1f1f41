namespace CodeGoodly.Upload;

/// <summary>What to change in <see cref="IAdminClient.EditAccountAsync"/>; a <see langword="null"/> member is left as it is.</summary>
public sealed record AccountChanges
{
    /// <summary>A new password in plain text; never logged or printed.</summary>
    public string? Password { get; init; }

    /// <summary>A new e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>A new package id.</summary>
    public long? PackageId { get; init; }

    /// <summary>A new status, e.g. <c>active</c>.</summary>
    public string? Status { get; init; }

    /// <summary>A new title.</summary>
    public string? Title { get; init; }

    /// <summary>A new first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>A new last name.</summary>
    public string? LastName { get; init; }

    /// <summary>A new end of the paid period, written in the server's time zone.</summary>
    public DateTimeOffset? PaidExpiryDate { get; init; }

    /// <summary>Describes the changes without the password.</summary>
    public override string ToString() =>
        $"AccountChanges {{ Password = {(Password is null ? "" : "***")}, Email = {Email}, PackageId = {PackageId}, Status = {Status}, Title = {Title}, FirstName = {FirstName}, LastName = {LastName}, PaidExpiryDate = {PaidExpiryDate} }}";
}
