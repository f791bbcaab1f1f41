using System.Text;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// Reads a <c>multipart/form-data</c> body from its raw bytes the way PHP's rfc1867 parser does: the bytes inside
/// <c>filename="…"</c> are the name, read as UTF-8 (backslash escapes of <c>"</c> and <c>\</c> undone, then cut to the part
/// after the last <c>/</c> or <c>\</c>); <c>filename*=</c> is ignored; a part without <c>filename="…"</c> is a text field.
/// </summary>
internal static class MultipartReader
{
    public static (Dictionary<string, string> Fields, List<UploadedPart> Files) Read(byte[] body, string contentType)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<UploadedPart>();
        string? boundary = BoundaryOf(contentType);
        if (boundary is null)
        {
            return (fields, files);
        }

        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        ReadOnlySpan<byte> span = body;
        int start = span.IndexOf(delimiter);
        if (start < 0)
        {
            return (fields, files);
        }

        int position = start + delimiter.Length;
        while (position < span.Length)
        {
            // After a delimiter: "--" ends the body, otherwise a line break starts a part.
            if (span[position..].StartsWith("--"u8))
            {
                break;
            }

            int headersStart = SkipLineBreak(span, position);
            int headersEnd = span[headersStart..].IndexOf("\r\n\r\n"u8);
            if (headersEnd < 0)
            {
                break;
            }

            headersEnd += headersStart;
            int contentStart = headersEnd + 4;
            int next = span[contentStart..].IndexOf(delimiter);
            if (next < 0)
            {
                break;
            }

            next += contentStart;
            int contentEnd = next;
            if (contentEnd - 2 >= contentStart && span[contentEnd - 2] == '\r' && span[contentEnd - 1] == '\n')
            {
                contentEnd -= 2;
            }

            string headers = Encoding.UTF8.GetString(span[headersStart..headersEnd]);
            AddPart(headers, span[contentStart..contentEnd].ToArray(), fields, files);
            position = next + delimiter.Length;
        }

        return (fields, files);
    }

    private static void AddPart(string headers, byte[] content, Dictionary<string, string> fields, List<UploadedPart> files)
    {
        string? disposition = null;
        string? partType = null;
        foreach (string line in headers.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            string name = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                disposition = value;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                partType = value;
            }
        }

        if (disposition is null)
        {
            return;
        }

        (string? fieldName, string? fileName) = ReadDisposition(disposition);
        if (fieldName is null)
        {
            return;
        }

        if (fileName is not null)
        {
            files.Add(new UploadedPart(fieldName, fileName, partType, new Storage.MemoryContent(content)));
        }
        else
        {
            fields[fieldName] = Encoding.UTF8.GetString(content);
        }
    }

    /// <summary>
    /// A part's field name and, for a file part, its file name as PHP reads them from the <c>Content-Disposition</c> value:
    /// <c>filename="…"</c> unescaped and cut after the last <c>/</c> or <c>\</c>; <c>filename*=</c> ignored.
    /// </summary>
    public static (string? FieldName, string? FileName) ReadDisposition(string disposition)
    {
        Dictionary<string, string> parameters = Parameters(disposition);
        return (parameters.GetValueOrDefault("name"), parameters.TryGetValue("filename", out string? fileName) ? BaseName(fileName) : null);
    }

    /// <summary>The parameters of a Content-Disposition value; names lower-cased, quoted values unescaped like PHP's substring_conf.</summary>
    private static Dictionary<string, string> Parameters(string disposition)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = disposition.IndexOf(';', StringComparison.Ordinal);
        while (i >= 0 && i < disposition.Length)
        {
            i++;
            while (i < disposition.Length && disposition[i] == ' ')
            {
                i++;
            }

            int equals = disposition.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            string name = disposition[i..equals].Trim().ToLowerInvariant();
            i = equals + 1;
            var value = new StringBuilder();
            if (i < disposition.Length && disposition[i] == '"')
            {
                i++;
                while (i < disposition.Length && disposition[i] != '"')
                {
                    if (disposition[i] == '\\' && i + 1 < disposition.Length && disposition[i + 1] is '\\' or '"')
                    {
                        i++;
                    }

                    value.Append(disposition[i]);
                    i++;
                }

                i = disposition.IndexOf(';', i);
            }
            else
            {
                int end = disposition.IndexOf(';', i);
                value.Append(end < 0 ? disposition[i..] : disposition[i..end]);
                i = end;
            }

            result.TryAdd(name, value.ToString().Trim());
        }

        return result;
    }

    private static string BaseName(string fileName)
    {
        int cut = Math.Max(fileName.LastIndexOf('/'), fileName.LastIndexOf('\\'));
        return cut < 0 ? fileName : fileName[(cut + 1)..];
    }

    private static int SkipLineBreak(ReadOnlySpan<byte> span, int position)
    {
        if (span[position..].StartsWith("\r\n"u8))
        {
            return position + 2;
        }

        return span[position] == '\n' ? position + 1 : position;
    }

    public static string? BoundaryOf(string contentType)
    {
        foreach (string piece in contentType.Split(';'))
        {
            string trimmed = piece.Trim();
            if (trimmed.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }
}
