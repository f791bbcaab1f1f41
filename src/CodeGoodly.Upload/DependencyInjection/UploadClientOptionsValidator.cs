using CodeGoodly.Upload;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Validates one registration's <see cref="UploadClientOptions"/> with <see cref="UploadClientOptions.GetValidationErrors"/>, naming the registration and the configuration section in every message.</summary>
internal sealed class UploadClientOptionsValidator(string optionsName, string? serviceKey, IConfiguration? section) : IValidateOptions<UploadClientOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadClientOptions options)
    {
        if (!string.Equals(name ?? Options.Options.DefaultName, optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>(options.GetValidationErrors());
        if (section is not null && ConfiguredTimeZoneId(section) is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _))
        {
            errors.Add($"ServerTimeZone '{zoneId}' is not a time zone id known to this machine; use an id such as UTC or Europe/London.");
        }

        if (errors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        string where = (serviceKey is null ? "UploadClient" : $"UploadClient '{serviceKey}'")
            + (section is IConfigurationSection { Path: { Length: > 0 } path } ? $" (configuration section '{path}')" : string.Empty);
        return ValidateOptionsResult.Fail(errors.Select(error => $"{where}: {error}"));
    }

    /// <summary>The time zone id set in the section as <c>ServerTimeZone</c> (or <c>ServerTimeZoneId</c>), if any.</summary>
    internal static string? ConfiguredTimeZoneId(IConfiguration section)
    {
        string? zoneId = section["ServerTimeZone"];
        if (string.IsNullOrWhiteSpace(zoneId))
        {
            zoneId = section["ServerTimeZoneId"];
        }

        return string.IsNullOrWhiteSpace(zoneId) ? null : zoneId.Trim();
    }
}
