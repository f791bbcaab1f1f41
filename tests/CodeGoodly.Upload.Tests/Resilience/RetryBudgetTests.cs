using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Resilience;
using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>The arithmetic of the shared retry budget (its effect on a real server is in <see cref="SessionContentionTests"/>).</summary>
public sealed class RetryBudgetTests
{
    [Fact]
    public void TryTakeRetry_QuietClient_AllowsTheMinimumThenRefuses()
    {
        var budget = new RetryBudget(new ManualTime());

        int granted = Enumerable.Range(0, 50).Count(_ => budget.TryTakeRetry());

        Assert.Equal(RetryBudget.MinimumRetries, granted);
    }

    [Fact]
    public void TryTakeRetry_BusyClient_AllowsAShareOfItsCalls()
    {
        var budget = new RetryBudget(new ManualTime());
        for (int call = 0; call < 100; call++)
        {
            budget.RecordCall();
        }

        int granted = Enumerable.Range(0, 100).Count(_ => budget.TryTakeRetry());

        Assert.Equal(RetryBudget.MinimumRetries + 20, granted);
    }

    [Fact]
    public void TryTakeRetry_NextWindow_BudgetRefilled()
    {
        var time = new ManualTime();
        var budget = new RetryBudget(time);
        while (budget.TryTakeRetry())
        {
        }

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(budget.TryTakeRetry());
    }
}
