using CodeGoodly.Upload.Cli;

// Ctrl+C cancels the command cleanly (transfers stop, temporary files go) instead of killing the process.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested; // a second Ctrl+C ends the process at once
    cancel.Cancel();
};
return await CliApp.RunAsync(args, CliHost.FromProcess(), cancel.Token);
