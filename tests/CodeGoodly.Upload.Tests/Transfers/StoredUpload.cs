namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>A file the upload endpoint received completely and stored.</summary>
public sealed record StoredUpload(string FileName, long Size, string Md5, long? RequestContentLength, bool Chunked, IReadOnlyDictionary<string, string> Fields);
