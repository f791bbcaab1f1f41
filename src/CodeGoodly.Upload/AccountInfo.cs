namespace CodeGoodly.Upload;

/// <summary>The signed-in account, from <c>/account/info</c>.</summary>
public sealed record AccountInfo
{
    /// <summary>The account id.</summary>
    public required long Id { get; init; }

    /// <summary>The user name.</summary>
    public required string Username { get; init; }

    /// <summary>The account level; <c>20</c> is an administrator.</summary>
    public int LevelId { get; init; }

    /// <summary>The e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>When the user last logged in.</summary>
    public DateTimeOffset? LastLoginDate { get; init; }

    /// <summary>The IP address of the last login.</summary>
    public string? LastLoginIp { get; init; }

    /// <summary>The account status, e.g. <c>active</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The title, e.g. <c>Mr</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>The last name.</summary>
    public string? LastName { get; init; }

    /// <summary>The site language id.</summary>
    public int? LanguageId { get; init; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset? DateCreated { get; init; }

    /// <summary>When the last payment was made.</summary>
    public DateTimeOffset? LastPayment { get; init; }

    /// <summary>When the paid period ends.</summary>
    public DateTimeOffset? PaidExpiryDate { get; init; }

    /// <summary>A storage limit set for this account alone, in bytes.</summary>
    public long? StorageLimitOverride { get; init; }
}
