namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>The file part of a multipart body, as PHP would see it.</summary>
internal sealed record UploadedPart(string FieldName, string FileName, string? ContentType, Storage.FileContent Content);
