namespace CodeGoodly.Upload.Api;

/// <summary>The wire format of form fields: names the session adds and <c>application/x-www-form-urlencoded</c> encoding as <see cref="FormUrlEncodedContent"/> writes it.</summary>
internal static class FormEncoding
{
    public const string AccessTokenField = "access_token";
    public const string AccountIdField = "account_id";

    /// <summary>Encodes a form name or value the way <see cref="FormUrlEncodedContent"/> does.</summary>
    public static string EncodeValue(string value) =>
        string.IsNullOrEmpty(value) ? string.Empty : Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
