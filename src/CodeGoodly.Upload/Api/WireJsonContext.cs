using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.Api;

/// <summary>Source-generated metadata for every wire type: no reflection, trimming- and AOT-safe.</summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(LenientStringConverter)],
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(WireEnvelope))]
[JsonSerializable(typeof(WireEnvelope<WireToken>))]
[JsonSerializable(typeof(WireEnvelope<WireAccount>))]
[JsonSerializable(typeof(WireEnvelope<WirePackage>))]
[JsonSerializable(typeof(WireEnvelope<WirePackageList>))]
[JsonSerializable(typeof(List<WirePackage>))]
[JsonSerializable(typeof(WireEnvelope<List<WireUploadedFile>>))]
[JsonSerializable(typeof(WireEnvelope<WireDownloadLink>))]
[JsonSerializable(typeof(WireEnvelope<WireFile>))]
[JsonSerializable(typeof(WireEnvelope<WireFolder>))]
[JsonSerializable(typeof(WireEnvelope<WireListing>))]
[JsonSerializable(typeof(WireCopyEnvelope))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
