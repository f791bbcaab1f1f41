using CodeGoodly.Upload.AspNetCore;

// A minimal API over the File Upload API: POST /files streams the request body into the upload,
// GET /files/{id} streams the download into the response, GET /folders/{id?} lists a folder.
// Configure "CodeGoodlyUpload" in appsettings.json, user secrets or environment variables
// (CodeGoodlyUpload__Key1, CodeGoodlyUpload__Key2); without credentials the sample runs on FakeUploadServer (CodeGoodly.Upload.Testing).
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
IConfigurationSection uploadSection = builder.Configuration.GetSection("CodeGoodlyUpload");
builder.Services.AddUploadClient(uploadSection);
if (!FakeServerFallback.HasCredentials(uploadSection))
{
    builder.Services.AddFakeUploadServer();
}

builder.Services.AddProblemDetails();

// The endpoints' answers as source-generated JSON: required under PublishAot, where reflection-based serialization is off.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));

WebApplication app = builder.Build();
app.MapUploadEndpoints();
await app.RunAsync();

/// <summary>The sample application (public for <c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
