namespace CodeGoodly.Upload.Quickstart;

/// <summary>Reads a real server's address and credentials from CODEGOODLY_UPLOAD_* environment variables.</summary>
internal static class TourSettings
{
    /// <summary>The settings for a real server, or <see langword="null"/> when CODEGOODLY_UPLOAD_BASEADDRESS is not set.</summary>
    public static UploadClientOptions? FromEnvironment()
    {
        string? baseAddress = Read("BASEADDRESS");
        if (baseAddress is null)
        {
            return null;
        }

        if (!Uri.TryCreate(baseAddress, UriKind.Absolute, out Uri? address))
        {
            throw new ArgumentException($"CODEGOODLY_UPLOAD_BASEADDRESS '{baseAddress}' is not an absolute URL such as https://upload.example.com/api/v2/.");
        }

        var options = new UploadClientOptions
        {
            BaseAddress = address,
            Key1 = Read("KEY1"),
            Key2 = Read("KEY2"),
            Username = Read("USERNAME"),
            Password = Read("PASSWORD"),
            AllowInsecureHttp = bool.TryParse(Read("ALLOWINSECUREHTTP"), out bool insecure) && insecure,
        };
        IReadOnlyList<string> errors = options.GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The CODEGOODLY_UPLOAD_* settings are not valid: " + string.Join(" ", errors));
        }

        return options;
    }

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable("CODEGOODLY_UPLOAD_" + name) is { Length: > 0 } value ? value.Trim() : null;
}
