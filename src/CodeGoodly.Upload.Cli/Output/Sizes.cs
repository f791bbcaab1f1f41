using System.Globalization;

namespace CodeGoodly.Upload.Cli.Output;

/// <summary>Byte counts as people read them.</summary>
internal static class Sizes
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long? bytes)
    {
        if (bytes is not long value)
        {
            return "?";
        }

        double size = value;
        int unit = 0;
        while (size >= 1024 && unit < Units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0 ? value.ToString(CultureInfo.InvariantCulture) + " B" : size.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    public static string Date(DateTimeOffset? date) => date?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty;
}
