using System.Runtime.InteropServices;
using CodeGoodly.Upload;
using CodeGoodly.Upload.Consumers;
using CodeGoodly.Upload.Testing;

// Starts the packed fake server in this process and runs the upload flow against it with the packed SDK.
Console.WriteLine($"consumer on {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), "
    + $"CodeGoodly.Upload {typeof(UploadClient).Assembly.GetName().Version}");
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

await using var server = FakeUploadServer.Start();
await using UploadClient client = server.CreateClient();
int failures = await UploadFlow.RunAsync(client, Console.Out, id => server.GetFileContent(id), timeout.Token);

int uploads = server.Journal.CountOf("file/upload");
Console.WriteLine(uploads == 2 ? "  ok    the fake's journal holds the 2 uploads" : $"  FAIL  the fake's journal holds {uploads} uploads, not 2");
failures += uploads == 2 ? 0 : 1;

Console.WriteLine(failures == 0 ? "flow passed" : $"flow FAILED: {failures} checks");
return failures == 0 ? 0 : 1;
