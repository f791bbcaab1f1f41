using System.Diagnostics;
using Spectre.Console;

namespace CodeGoodly.Upload.Cli.Output;

/// <summary>
/// Shows a transfer's progress: live bars on a terminal (Spectre.Console Progress), a plain line at most once a second
/// (and at the end) when the output is redirected, nothing with <c>--json</c>.
/// </summary>
internal sealed class TransferView(IAnsiConsole console, bool json)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);

    public bool Live => !json && console.Profile.Capabilities.Interactive;

    /// <summary>Runs a tree transfer, showing its aggregate progress.</summary>
    public Task<T> RunTreeAsync<T>(string title, Func<IProgress<DirectoryTransferProgress>, Task<T>> transfer)
    {
        if (json)
        {
            return transfer(new Sink<DirectoryTransferProgress>(_ => { }));
        }

        if (!Live)
        {
            var plain = new PlainLines(console, title);
            return transfer(new Sink<DirectoryTransferProgress>(p => plain.Show(p.FilesDone, p.FilesTotal, p.BytesDone, p.BytesTotal, p.FilesFailed,
                final: p.FilesDone == p.FilesTotal && p.FilesInFlight == 0)));
        }

        return LiveProgress().StartAsync(async context =>
        {
            ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: 1);
            T result = await transfer(new Sink<DirectoryTransferProgress>(p =>
            {
                task.MaxValue = Math.Max(p.BytesTotal, 1);
                task.Value = p.BytesTotal == 0 ? 1 : p.BytesDone;
                task.Description = Markup.Escape($"{title}: {p.FilesDone}/{p.FilesTotal} files") + (p.FilesFailed > 0 ? $" [red]{p.FilesFailed} failed[/]" : string.Empty);
            })).ConfigureAwait(false);
            task.Value = task.MaxValue;
            return result;
        });
    }

    /// <summary>Runs a one-file transfer, showing its bytes.</summary>
    public Task<T> RunFileAsync<T>(string title, long? size, Func<IProgress<TransferProgress>, Task<T>> transfer)
    {
        if (json)
        {
            return transfer(new Sink<TransferProgress>(_ => { }));
        }

        if (!Live)
        {
            var plain = new PlainLines(console, title);
            return transfer(new Sink<TransferProgress>(p =>
            {
                long total = p.TotalBytes ?? size ?? p.BytesTransferred;
                bool final = p.BytesTransferred >= total;
                plain.Show(final ? 1 : 0, 1, p.BytesTransferred, total, 0, final);
            }));
        }

        return LiveProgress().StartAsync(async context =>
        {
            ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(size ?? 1, 1));
            T result = await transfer(new Sink<TransferProgress>(p =>
            {
                task.MaxValue = Math.Max(p.TotalBytes ?? size ?? p.BytesTransferred, 1);
                task.Value = p.BytesTransferred;
            })).ConfigureAwait(false);
            task.Value = task.MaxValue;
            return result;
        });
    }

    private Progress LiveProgress() => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
            new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn());

    /// <summary>Calls back on the reporting thread (the SDK serializes reports), unlike <see cref="Progress{T}"/>, which posts and may reorder.</summary>
    private sealed class Sink<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>One line per second at most, and the last one always: "put photos: 12/200 files, 1.2 MiB of 5.0 MiB (24%)".</summary>
    private sealed class PlainLines(IAnsiConsole console, string title)
    {
        private readonly Stopwatch sinceLast = Stopwatch.StartNew();
        private bool any;
        private bool done;

        public void Show(int filesDone, int filesTotal, long bytesDone, long bytesTotal, int failed, bool final)
        {
            if (done || (!final && any && sinceLast.Elapsed < PlainInterval))
            {
                return;
            }

            any = true;
            done = final;
            sinceLast.Restart();
            int percent = bytesTotal > 0 ? (int)(bytesDone * 100 / bytesTotal) : 100;
            string failures = failed > 0 ? $", {failed} failed" : string.Empty;
            TextWriter writer = console.Profile.Out.Writer;
            writer.WriteLine($"{title}: {filesDone}/{filesTotal} files, {Sizes.Format(bytesDone)} of {Sizes.Format(bytesTotal)} ({percent}%){failures}");
            writer.Flush();
        }
    }
}
