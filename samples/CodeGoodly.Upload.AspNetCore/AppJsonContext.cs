using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.AspNetCore;

/// <summary>
/// Source-generated JSON for what the endpoints answer. Under <c>PublishAot</c> reflection-based serialization is off, and returning an
/// <see cref="UploadedFile"/> without this context fails; with it, the answers are written without reflection (see Program.cs).
/// </summary>
[JsonSerializable(typeof(UploadedFile))]
[JsonSerializable(typeof(FolderListing))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
