using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>
/// <see cref="FileId"/> and <see cref="FolderId"/> are plain JSON numbers, both ways, with System.Text.Json's source generator
/// (what an AOT ASP.NET Core app returning SDK records uses) and with its reflection serializer.
/// </summary>
public sealed class IdJsonTests
{
    private static readonly SdkRecordsJsonContext Context = SdkRecordsJsonContext.Default;

    [Fact]
    public void Serialize_FileIdWithSourceGeneratedContext_WritesAPlainNumber() =>
        Assert.Equal("1255", JsonSerializer.Serialize(new FileId(1255), Context.FileId));

    [Fact]
    public void Serialize_FolderIdWithSourceGeneratedContext_WritesAPlainNumber() =>
        Assert.Equal("125", JsonSerializer.Serialize(new FolderId(125), Context.FolderId));

    [Fact]
    public void Deserialize_PlainNumberWithSourceGeneratedContext_ReadsTheIds()
    {
        Assert.Equal(new FileId(1255), JsonSerializer.Deserialize("1255", Context.FileId));
        Assert.Equal(new FolderId(125), JsonSerializer.Deserialize("125", Context.FolderId));
    }

    [Fact]
    public void Deserialize_NumberInAString_ReadsTheId() =>
        Assert.Equal(new FileId(1255), JsonSerializer.Deserialize("\"1255\"", Context.FileId)); // the API's own spelling

    [Theory]
    [InlineData("{\"value\":1255}")]
    [InlineData("\"abc\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("99999999999999999999")]
    public void Deserialize_NotAWholeNumber_ThrowsJsonException(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Context.FileId));

    [Fact]
    public void Serialize_RecordsHoldingIds_WriteThemAsNumbersAndReadThemBack()
    {
        var uploaded = new UploadedFile { FileId = new FileId(1255), Name = "a.txt", Size = 5 };
        var folder = new FolderDetails { Id = new FolderId(125), ParentId = new FolderId(99), FolderName = "F" };
        var root = new FolderDetails { Id = new FolderId(126), ParentId = null, FolderName = "G" };

        string uploadedJson = JsonSerializer.Serialize(uploaded, Context.UploadedFile);
        string folderJson = JsonSerializer.Serialize(folder, Context.FolderDetails);
        string rootJson = JsonSerializer.Serialize(root, Context.FolderDetails);

        Assert.Contains("\"fileId\":1255,", uploadedJson, StringComparison.Ordinal);
        Assert.Contains("\"id\":125,", folderJson, StringComparison.Ordinal);
        Assert.Contains("\"parentId\":99,", folderJson, StringComparison.Ordinal);
        Assert.Contains("\"parentId\":null,", rootJson, StringComparison.Ordinal);
        Assert.Equal(uploaded, JsonSerializer.Deserialize(uploadedJson, Context.UploadedFile));
        Assert.Equal(folder, JsonSerializer.Deserialize(folderJson, Context.FolderDetails));
        Assert.Equal(root, JsonSerializer.Deserialize(rootJson, Context.FolderDetails));
    }

    [Fact]
    public void Serialize_IdsAsDictionaryKeys_WritesTheNumbersAsPropertyNames()
    {
        var names = new Dictionary<FileId, string> { [new FileId(1255)] = "a.txt" };

        string json = JsonSerializer.Serialize(names, Context.DictionaryFileIdString);

        Assert.Equal("{\"1255\":\"a.txt\"}", json);
        Assert.Equal(names, JsonSerializer.Deserialize(json, Context.DictionaryFileIdString));
    }

    [Fact]
    public void Serialize_ReflectionSerializerWithWebDefaults_WritesPlainNumbers()
    {
        // ASP.NET Core's JSON defaults, without a context: the converter on the type applies there too.
        string json = JsonSerializer.Serialize(new { file = new FileId(1255), folder = (FolderId?)new FolderId(125) }, JsonSerializerOptions.Web);

        Assert.Equal("{\"file\":1255,\"folder\":125}", json);
    }
}

/// <summary>A user's source-generated context over SDK records, as an AOT ASP.NET Core app declares one.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FileId))]
[JsonSerializable(typeof(FolderId))]
[JsonSerializable(typeof(UploadedFile))]
[JsonSerializable(typeof(FolderDetails))]
[JsonSerializable(typeof(Dictionary<FileId, string>))]
internal sealed partial class SdkRecordsJsonContext : JsonSerializerContext;
