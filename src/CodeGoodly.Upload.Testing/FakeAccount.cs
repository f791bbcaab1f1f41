namespace CodeGoodly.Upload.Testing;

/// <summary>The credentials of an account on a <see cref="FakeUploadServer"/>: both a key pair and a user name and password work.</summary>
/// <remarks><see cref="ToString"/> never shows the keys or the password.</remarks>
public sealed record FakeAccount
{
    /// <summary>The account's id, as <c>/authorize</c> returns it in <c>account_id</c>.</summary>
    public required long AccountId { get; init; }

    /// <summary>The user name, for <c>/authorize</c> with <c>username</c> and <c>password</c>.</summary>
    public required string Username { get; init; }

    /// <summary>The password, for <c>/authorize</c> with <c>username</c> and <c>password</c>.</summary>
    public required string Password { get; init; }

    /// <summary>The first 64-character API key.</summary>
    public required string Key1 { get; init; }

    /// <summary>The second 64-character API key.</summary>
    public required string Key2 { get; init; }

    /// <summary>The account level (package id); 20 is an administrator.</summary>
    public required int LevelId { get; init; }

    /// <summary>Describes the account without its keys or password.</summary>
    public override string ToString() => $"FakeAccount {{ AccountId = {AccountId}, Username = {Username}, LevelId = {LevelId} }}";
}
