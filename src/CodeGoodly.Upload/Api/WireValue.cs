using System.Globalization;

namespace CodeGoodly.Upload.Api;

/// <summary>Parses the API's string-typed scalars. A value that cannot be what the field must hold throws <see cref="FormatException"/>, which the reader reports as an unexpected response.</summary>
internal static class WireValue
{
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The largest offset a <see cref="DateTimeOffset"/> accepts.</summary>
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public static long? Long(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number))
        {
            return number;
        }

        // PHP may print a computed number as a float ("1.0E+9", "5864.0").
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)
            && real >= long.MinValue && real <= long.MaxValue && real == Math.Floor(real))
        {
            return (long)real;
        }

        throw new FormatException($"Field '{field}' should be a whole number but was '{Shorten(value)}'.");
    }

    public static long RequiredLong(string? value, string field) =>
        Long(value, field) ?? throw new FormatException($"Field '{field}' is missing.");

    public static int? Int(string? value, string field)
    {
        long? number = Long(value, field);
        return number is null ? null
            : number is >= int.MinValue and <= int.MaxValue ? (int)number.Value
            : throw new FormatException($"Field '{field}' is out of range: '{number}'.");
    }

    public static bool Flag(string? value, string field) => value?.Trim() switch
    {
        null or "" or "0" or "false" => false,
        "1" or "true" => true,
        _ => Long(value, field) is long number && number != 0,
    };

    public static string RequiredString(string? value, string field) =>
        value ?? throw new FormatException($"Field '{field}' is missing.");

    public static DateTimeOffset? Date(string? value, TimeZoneInfo zone, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            return null;
        }

        if (!DateTime.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local)
            && !DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            throw new FormatException($"Field '{field}' should be a date like 2024-11-28 22:52:06 but was '{Shorten(value)}'.");
        }

        // DateTimeOffset holds whole minutes; some zones' old offsets have seconds (Africa/Monrovia was UTC-0:44:30 until 1972).
        TimeSpan offset = TimeSpan.FromMinutes(Math.Round(zone.GetUtcOffset(local).TotalMinutes));
        long utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks || offset.Duration() > MaxOffset)
        {
            // 0001-01-01 east of UTC is in year 0, 9999-12-31 west of it in year 10000: no DateTimeOffset can hold either.
            throw new FormatException($"Field '{field}' holds '{Shorten(value)}', which cannot be placed in time in the server's time zone ({zone.Id}, UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}): the instant would fall outside the years 1 to 9999.");
        }

        return new DateTimeOffset(local, offset);
    }

    public static string FormatDate(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString(DateFormat, CultureInfo.InvariantCulture);

    public static Uri? Url(string? value)
    {
        // A URL the server built badly is not worth failing the call for: the record simply has no link.
        return string.IsNullOrWhiteSpace(value) ? null : Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ? uri : null;
    }

    public static FolderId? OptionalFolder(string? value, string field) =>
        Long(value, field) is long id and > 0 ? new FolderId(id) : null;

    public static FolderVisibility Visibility(string? value, string field) =>
        Int(value, field) switch
        {
            null or 0 => FolderVisibility.Private,
            1 => FolderVisibility.Unlisted,
            2 => FolderVisibility.Public,
            int other => throw new FormatException($"Field '{field}' should be 0, 1 or 2 but was {other}."),
        };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
