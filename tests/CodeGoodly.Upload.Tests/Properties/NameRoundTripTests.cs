using System.Text;
using CodeGoodly.Upload.Tests.Support;
using CsCheck;

namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>Any name a user can type reaches the server exactly as typed: in form fields and in the multipart file name.</summary>
public sealed class NameRoundTripTests
{
    /// <summary>Characters that break naive encoders: form syntax, quotes, spaces, percent signs, non-Latin scripts, astral symbols, combining marks, bidi marks.</summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "&", "=", "%", "+", "\"", "'", "\\", "/", "?", "#", ";", ",", ":", "%20", "%zz", "a=b&c=d", "*", "~", "!", "(", ")", "[", "]", "{", "}",
        "é", "ß", "ñ", "Ω", "Ж", "中", "文", "日本", "한", "ع", "ש", "\u200f", "\u202e", "\u00a0", "\u2028", "e\u0301", "€", "½",
        "😀", "👩‍👩‍👧", "𝄞", "𠜎", "🇯🇵", "\U0001F600\U0001F601",
    ];

    private static Gen<string> Names { get; } =
        Gen.Int[0, Pieces.Length - 1].Array[1, 12]
            .Select(indexes => string.Concat(indexes.Select(i => Pieces[i])))
            .Where(name => !string.IsNullOrWhiteSpace(name));

    private const string FolderAnswer = """{"response":"Folder successfully created.","data":{"id":"125","parentId":null,"folderName":"x","isPublic":"0"},"_status":"success"}""";
    private const string FileAnswer = """{"data":{"id":"1253","filename":"x"},"_status":"success"}""";
    private const string UploadAnswer = """{"response":"File uploaded","data":[{"name":"x","size":"5","file_id":"7","error":null}],"_status":"success"}""";

    [Fact]
    public async Task FormFields_RandomNames_ServerReceivesExactlyTheSameString()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/create", FolderAnswer).Given("file/edit", FileAnswer);
        using var client = api.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        int sent = 0;

        await Names.SampleAsync(async name =>
        {
            await client.Folders.CreateAsync(name, cancellationToken: ct);
            await client.Files.EditAsync(new FileId(1253), new FileChanges(FileName: name), ct);
            sent++;

            Assert.Equal(name, ApiServer.FormOf(api.RequestsTo("folder/create")[^1])["folder_name"]);
            Assert.Equal(name, ApiServer.FormOf(api.RequestsTo("file/edit")[^1])["filename"]);
        }, iter: PropertyRuns.Iterations(150), threads: 1);

        Assert.Equal(sent, api.RequestsTo("folder/create").Count);
    }

    [Fact]
    public async Task MultipartFileName_RandomNames_ServerReceivesExactlyTheSameString()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", UploadAnswer);
        using var client = api.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        await Names.SampleAsync(async name =>
        {
            using var content = new MemoryStream("hello"u8.ToArray());
            await client.Files.UploadAsync(content, name, cancellationToken: ct);

            byte[] body = api.RequestsTo("file/upload")[^1].RequestMessage.BodyAsBytes!;
            Assert.Equal(name, FileNameOf(body));
        }, iter: PropertyRuns.Iterations(150), threads: 1);
    }

    [Fact]
    public async Task Names_WithControlCharacters_RefusedBeforeAnyRequest()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/create", FolderAnswer).Given("file/upload", UploadAnswer);
        using var client = api.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        Gen<string> withControl = Gen.Select(Names, Gen.Char['\0', '\u001f'], Gen.Int[0, 20])
            .Select((name, control, at) => name.Insert(Math.Min(at, name.Length), control.ToString()));

        await withControl.SampleAsync(async name =>
        {
            await Assert.ThrowsAsync<ArgumentException>(() => client.Folders.CreateAsync(name, cancellationToken: ct));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Files.UploadAsync(new MemoryStream([1]), name, cancellationToken: ct));
        }, iter: PropertyRuns.Iterations(100), threads: 1);

        Assert.Empty(api.Server.LogEntries); // not even /authorize: the names were refused on the caller's side
    }

    /// <summary>Reads <c>filename="…"</c> the way PHP does: raw UTF-8 between the quotes, with <c>\"</c> and <c>\\</c> unescaped.</summary>
    private static string FileNameOf(byte[] multipart)
    {
        byte[] marker = "filename=\""u8.ToArray();
        int start = multipart.AsSpan().IndexOf(marker) + marker.Length;
        var name = new List<byte>();
        for (int i = start; i < multipart.Length; i++)
        {
            if (multipart[i] == (byte)'\\')
            {
                name.Add(multipart[++i]);
            }
            else if (multipart[i] == (byte)'"')
            {
                break;
            }
            else
            {
                name.Add(multipart[i]);
            }
        }

        return Encoding.UTF8.GetString(name.ToArray());
    }
}
