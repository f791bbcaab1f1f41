using System.Text.Json;
using CodeGoodly.Upload.Testing;

// Starts the packed fake server, prints where it listens and its test account's keys as one JSON line on stdout, and
// stays up until stdin closes (or the process is killed). The keys are the fake's own, made up for this run.
// Streaming mode: uploads are parsed as they arrive and kept on disk (deleted when the fake stops), as a large-file test would run.
await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.Disk });

using (var stdout = Console.OpenStandardOutput())
using (var json = new Utf8JsonWriter(stdout))
{
    json.WriteStartObject();
    json.WriteString("baseAddress", server.BaseAddress.AbsoluteUri);
    json.WriteString("key1", server.Key1);
    json.WriteString("key2", server.Key2);
    json.WriteNumber("pid", Environment.ProcessId);
    json.WriteEndObject();
    json.Flush();
    stdout.Write("\n"u8);
    stdout.Flush();
}

await Console.In.ReadToEndAsync();
Console.Error.WriteLine($"fake host: stdin closed; served {server.Journal.Count} requests");
