using CodeGoodly.Upload;
using Microsoft.AspNetCore.Mvc;

namespace CodeGoodly.Upload.AspNetCore;

/// <summary>The sample's HTTP endpoints: each one injects <see cref="IUploadClient"/> and streams; nothing is buffered in memory.</summary>
public static class UploadEndpoints
{
    /// <summary>Maps <c>POST /files</c>, <c>GET /files/{id}</c> and <c>GET /folders/{id?}</c>.</summary>
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder api = routes.MapGroup(string.Empty).AddEndpointFilter(TranslateUploadErrors);
        api.MapPost("/files", UploadAsync);
        api.MapGet("/files/{id:long}", DownloadAsync);
        api.MapGet("/folders/{id:long?}", (long? id, IUploadClient upload, CancellationToken cancellationToken) =>
            upload.Folders.ListAsync(id is { } folder ? new FolderId(folder) : null, cancellationToken));
        return routes;
    }

    /// <summary>Streams the request body straight into the upload. The file name comes from <c>?name=</c> or the <c>X-File-Name</c> header.</summary>
    /// <remarks>
    /// Files can be larger than Kestrel's default 30,000,000-byte request body limit, which would answer 413: the attribute lifts it for
    /// this endpoint only. The body is streamed, so its size costs no memory.
    /// </remarks>
    [DisableRequestSizeLimit]
    private static async Task<IResult> UploadAsync(HttpContext http, IUploadClient upload, string? name, long? folderId, CancellationToken cancellationToken)
    {
        string? fileName = string.IsNullOrWhiteSpace(name) ? http.Request.Headers["X-File-Name"].ToString() : name;
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return Results.Problem("Give the file name as ?name=report.pdf or in an X-File-Name header.", statusCode: StatusCodes.Status400BadRequest);
        }

        FolderId? target = folderId is { } folder ? new FolderId(folder) : null;

        // With the request's Content-Length the upload goes out with one too (many PHP hosts refuse chunked uploads).
        UploadedFile file = http.Request.ContentLength is long length
            ? await upload.Files.UploadAsync(http.Request.Body, length, fileName, target, cancellationToken: cancellationToken)
            : await upload.Files.UploadAsync(http.Request.Body, fileName, target, cancellationToken: cancellationToken);
        return Results.Created($"/files/{file.FileId.Value}", file);
    }

    /// <summary>Streams the file into the response as it arrives.</summary>
    private static async Task<IResult> DownloadAsync(long id, HttpContext http, IUploadClient upload, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "application/octet-stream";
        await upload.Files.DownloadAsync(new FileId(id), http.Response.Body, cancellationToken: cancellationToken);
        return Results.Empty;
    }

    /// <summary>Answers the SDK's errors with a status that says whose fault it was (when the response has not started yet).</summary>
    private static async ValueTask<object?> TranslateUploadErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (UploadApiException failure) when (!context.HttpContext.Response.HasStarted)
        {
            int status = failure.Kind switch
            {
                UploadErrorKind.NotFound => StatusCodes.Status404NotFound,
                UploadErrorKind.InvalidArgument => StatusCodes.Status400BadRequest,
                UploadErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                UploadErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status502BadGateway,
            };
            return Results.Problem(failure.ServerMessage ?? failure.Message, statusCode: status, title: $"File Upload API: {failure.Kind}");
        }
        catch (ArgumentException invalid)
        {
            return Results.Problem(invalid.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
