using System.Text;

namespace CodeGoodly.Upload.Tests.Support;

/// <summary>One part of a multipart body: its header lines and its bytes.</summary>
public sealed record MultipartPart(string Headers, byte[] Content)
{
    /// <summary>The part's content as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Content);

    /// <summary>The <c>name</c> parameter of the part's Content-Disposition.</summary>
    public string Name => Parameter("name") ?? string.Empty;

    /// <summary>The raw <c>filename</c> parameter of the part's Content-Disposition, or null.</summary>
    public string? FileName => Parameter("filename");

    private string? Parameter(string name)
    {
        string marker = "; " + name + "=\"";
        int at = Headers.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        int start = at + marker.Length;
        var value = new StringBuilder();
        for (int i = start; i < Headers.Length && Headers[i] != '"'; i++)
        {
            value.Append(Headers[i] == '\\' && i + 1 < Headers.Length ? Headers[++i] : Headers[i]);
        }

        return value.ToString();
    }
}
