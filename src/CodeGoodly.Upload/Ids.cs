using System.Globalization;

namespace CodeGoodly.Upload;

/// <summary>The numeric id of a file on the server (the API's <c>file_id</c>, sent and received as a string such as <c>"1253"</c>).</summary>
/// <param name="Value">The id; always positive for a real file.</param>
public readonly record struct FileId(long Value)
{
    /// <summary>Returns the id as the API writes it, e.g. <c>1253</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Converts a number to a <see cref="FileId"/>.</summary>
    public static implicit operator FileId(long value) => new(value);
}

/// <summary>The numeric id of a folder on the server (the API's <c>folder_id</c>). The root folder has no id: pass <see langword="null"/> where a <see cref="FolderId"/>? is taken.</summary>
/// <param name="Value">The id; always positive for a real folder (<c>0</c> is read as the root where the root is allowed).</param>
public readonly record struct FolderId(long Value)
{
    /// <summary>Returns the id as the API writes it, e.g. <c>125</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Converts a number to a <see cref="FolderId"/>.</summary>
    public static implicit operator FolderId(long value) => new(value);
}
