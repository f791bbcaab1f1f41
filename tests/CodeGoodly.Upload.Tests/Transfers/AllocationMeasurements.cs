namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>Tests that measure process-wide allocations run in this collection, never in parallel with others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}
