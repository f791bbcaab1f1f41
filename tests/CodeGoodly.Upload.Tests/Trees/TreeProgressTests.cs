using CodeGoodly.Upload.Tests.Support;
using CodeGoodly.Upload.Transfers.Directories;

namespace CodeGoodly.Upload.Tests.Trees;

/// <summary>The aggregate progress of tree transfers, on a clock and timers the test moves by hand.</summary>
public sealed class TreeProgressTests
{
    [Fact]
    public void Start_ReportsTheTotalsAndWhatIsAlreadySettled()
    {
        var (progress, reports, _) = Create();

        progress.Settle(100, failed: false);
        progress.Settle(100, failed: true);
        progress.Start(totalFiles: 10, totalBytes: 1000);

        Assert.Equal([new DirectoryTransferProgress(2, 10, 200, 1000) { FilesFailed = 1 }], reports);
    }

    [Fact]
    public void Report_ChangesWithin100Milliseconds_AreHeldAndReportedOnceWhenTheTimerFires()
    {
        var (progress, reports, clock) = Create();
        progress.Start(2, 1000);
        TreeProgress.FileProgress file = progress.BeginFile(500);
        clock.Advance(TimeSpan.FromMilliseconds(30));
        file.Report(new TransferProgress(100, 500));
        file.Report(new TransferProgress(300, 500));

        Assert.Single(reports);
        Assert.Equal(TimeSpan.FromMilliseconds(100), Assert.Single(clock.Timers).DueTime);
        clock.Advance(TimeSpan.FromMilliseconds(70));
        clock.Timers[0].Fire();

        Assert.Equal(2, reports.Count);
        Assert.Equal(new DirectoryTransferProgress(0, 2, 300, 1000) { FilesInFlight = 1 }, reports[1]);
    }

    [Fact]
    public void Report_AChangeAfter100Milliseconds_IsReportedAtOnce()
    {
        var (progress, reports, clock) = Create();
        progress.Start(1, 500);
        TreeProgress.FileProgress file = progress.BeginFile(500);
        clock.Advance(TimeSpan.FromMilliseconds(150));

        file.Report(new TransferProgress(250, 500));

        Assert.Equal(250, reports[^1].BytesDone);
    }

    [Fact]
    public void Report_ARestartedFileReportingLess_NeverMakesTheCountGoBack()
    {
        var (progress, reports, clock) = Create();
        progress.Start(1, 500);
        TreeProgress.FileProgress file = progress.BeginFile(500);
        foreach (long bytes in new long[] { 200, 50, 300 })
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            file.Report(new TransferProgress(bytes, 500));
        }

        Assert.Equal([0, 200, 300], reports.Select(r => r.BytesDone).Distinct());
    }

    [Fact]
    public void Finish_Within100MillisecondsOfTheLastReport_StillReportsTheTotalsAndNothingAfter()
    {
        var (progress, reports, clock) = Create();
        progress.Start(2, 1000);
        TreeProgress.FileProgress done = progress.BeginFile(600);
        TreeProgress.FileProgress failed = progress.BeginFile(400);
        done.Report(new TransferProgress(600, 600));
        done.End(failed: false);
        failed.Report(new TransferProgress(100, 400));
        failed.End(failed: true);

        progress.Finish();
        clock.Timers.ForEach(t => t.Fire());

        Assert.Equal(new DirectoryTransferProgress(2, 2, 1000, 1000) { FilesFailed = 1 }, reports[^1]);
        Assert.Equal(2, reports.Count); // the start and the finish: everything between fell inside the 100 ms
    }

    private static (TreeProgress Progress, List<DirectoryTransferProgress> Reports, ManualTime Clock) Create()
    {
        var reports = new List<DirectoryTransferProgress>();
        var clock = new ManualTime();
        return (new TreeProgress(new Collect(reports), clock), reports, clock);
    }

    private sealed class Collect(List<DirectoryTransferProgress> reports) : IProgress<DirectoryTransferProgress>
    {
        public void Report(DirectoryTransferProgress value) => reports.Add(value);
    }
}
