using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace CodeGoodly.Upload.DependencyInjection;

/// <summary>
/// A configuration section seen without one of its keys, so that the binder skips a property that cannot come from
/// configuration (<see cref="UploadClientOptions.SessionStore"/> is an object, set in code): a nested <c>"SessionStore"</c>
/// section would otherwise make the binder try to create the interface and throw when the options are built.
/// </summary>
internal sealed class ConfigurationWithout(IConfiguration inner, string hiddenKey) : IConfiguration
{
    private static readonly IConfiguration Empty = new ConfigurationBuilder().Build();

    public string? this[string key]
    {
        get => IsHidden(key) ? null : inner[key];
        set => inner[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() =>
        inner.GetChildren().Where(child => !string.Equals(child.Key, hiddenKey, StringComparison.OrdinalIgnoreCase));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    public IConfigurationSection GetSection(string key) => IsHidden(key) ? Empty.GetSection(key) : inner.GetSection(key);

    private bool IsHidden(string key) =>
        string.Equals(key, hiddenKey, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(hiddenKey + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase);
}
