using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeGoodly.Upload.Cli.Connection;

/// <summary>
/// The server and credentials <c>cgupload login</c> saved: a JSON file readable by its owner only (0600 from the moment it
/// is created, in a 0700 directory). The secrets are in it, as in any CLI's credential file; they are never printed.
/// </summary>
internal sealed record Profile(Uri BaseAddress, string? Key1, string? Key2, string? Username, string? Password, bool AllowInsecureHttp)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Settings for a client of this profile.</summary>
    public UploadClientOptions ToOptions() => new()
    {
        BaseAddress = BaseAddress,
        Key1 = Key1,
        Key2 = Key2,
        Username = Username,
        Password = Password,
        AllowInsecureHttp = AllowInsecureHttp,
    };

    /// <summary>Never the secrets.</summary>
    public override string ToString() => $"Profile {{ BaseAddress = {BaseAddress}, Username = {Username ?? "(keys)"} }}";

    /// <summary>Reads the profile, or <see langword="null"/> when there is none.</summary>
    public static Profile? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            JsonNode? root = JsonNode.Parse(File.ReadAllText(path));
            string? address = root?["baseAddress"]?.GetValue<string>();
            if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out Uri? baseAddress))
            {
                throw new CliException(ExitCodes.Authentication, $"The profile '{path}' has no valid baseAddress: run `cgupload login` again.");
            }

            return new Profile(baseAddress, Read(root, "key1"), Read(root, "key2"), Read(root, "username"), Read(root, "password"),
                root?["allowInsecureHttp"]?.GetValue<bool>() ?? false);
        }
        catch (Exception unreadable) when (unreadable is JsonException or InvalidOperationException or FormatException)
        {
            throw new CliException(ExitCodes.Authentication, $"The profile '{path}' cannot be read ({unreadable.GetType().Name}): run `cgupload login` again.");
        }
    }

    /// <summary>Writes the profile through a new file created 0600 and renamed over the old one, so it is never readable by others, not even for a moment.</summary>
    public void Save(string path)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        var root = new JsonObject
        {
            ["baseAddress"] = BaseAddress.AbsoluteUri,
            ["key1"] = Key1,
            ["key2"] = Key2,
            ["username"] = Username,
            ["password"] = Password,
            ["allowInsecureHttp"] = AllowInsecureHttp,
        };
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                root.WriteTo(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string? Read(JsonNode? root, string name) => root?[name]?.GetValue<string>() is { Length: > 0 } value ? value : null;
}
