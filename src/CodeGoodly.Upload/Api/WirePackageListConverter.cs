using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.Api;

/// <summary>
/// Reads <see cref="WirePackageList"/> from either shape of <c>/package/listing</c>'s <c>data</c>: the object a deployed server
/// sends (<c>{"packages":[…]}</c>, other members ignored) or a bare array. Anything else is a shape error.
/// </summary>
internal sealed class WirePackageListConverter : JsonConverter<WirePackageList>
{
    public override WirePackageList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                return new WirePackageList { Packages = JsonSerializer.Deserialize(ref reader, WireJsonContext.Default.ListWirePackage) };
            case JsonTokenType.StartObject:
                var list = new WirePackageList();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isPackages = reader.ValueTextEquals("packages"u8);
                    reader.Read();
                    if (isPackages)
                    {
                        list.Packages = JsonSerializer.Deserialize(ref reader, WireJsonContext.Default.ListWirePackage);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return list;
            default:
                throw new JsonException($"Expected the package list (an object or an array) but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, WirePackageList value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Package lists are only read.");
}
