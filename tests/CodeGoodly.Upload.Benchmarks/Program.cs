using System.Diagnostics;
using CodeGoodly.Upload.Benchmarks;

// dotnet run -c Release --project tests/CodeGoodly.Upload.Benchmarks            the whole comparison (a few minutes)
// ... -- small [rounds [profile]]                                               only the small-call part (file/info SDK vs raw), printed;
//                                                                               profile: also what the SDK allocates, by type (sampled)
// ... -- layers [calls]                                                       each layer's CPU time and bytes per small call, in memory (LayerCost.cs)
// ... -- trees                                                                 tree uploads (20 × 16 MiB): default concurrency vs MaxConcurrency = 1
// ... -- serve                                                                  (internal) the loopback server, in its own process
// ... -- peak <sdk|raw> <file> <baseAddress>                                    (internal) one upload in a fresh process, reports its memory
return args switch
{
    ["fleet", .. string[] rest] => await FleetScenario.RunAsync(rest), // a fleet on one account: in-process sessions vs the Redis store (FleetScenario.cs)
    ["small"] => await BenchmarkRun.RunSmallOnlyAsync(rounds: 9),
    ["small", string rounds] => await BenchmarkRun.RunSmallOnlyAsync(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture)),
    ["small", string rounds, "profile"] => await BenchmarkRun.RunSmallOnlyAsync(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture), profile: true),
    ["layers"] => await LayerCost.RunAsync(calls: 20_000),
    ["layers", string calls] => await LayerCost.RunAsync(int.Parse(calls, System.Globalization.CultureInfo.InvariantCulture)),
    ["trees"] => await TreesBenchmark.RunAsync(),
    ["serve"] => await ServerProcess.RunAsync(),
    ["peak", string client, string file, string baseAddress] => await PeakMemory.RunChildAsync(client, file, new Uri(baseAddress)),
    _ => await BenchmarkRun.RunAsync(args),
};
