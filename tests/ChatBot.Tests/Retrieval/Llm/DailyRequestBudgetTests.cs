using ChatBot.Retrieval.Llm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Retrieval.Llm;

public sealed class DailyRequestBudgetTests
{
    [Fact]
    public void TryTake_BudgetUsedUp_RefusesUntilNextUtcDay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero));
        var budget = new DailyRequestBudget(Options.Create(new LlmOptions { DailyRequestBudget = 2 }), time, NullLogger<DailyRequestBudget>.Instance);

        Assert.True(budget.TryTake());
        Assert.True(budget.TryTake());
        Assert.False(budget.TryTake());
        time.Advance(TimeSpan.FromHours(2));
        Assert.True(budget.TryTake());
    }

    [Fact]
    public void TryTake_ZeroBudget_IsUnlimited()
    {
        var budget = new DailyRequestBudget(Options.Create(new LlmOptions { DailyRequestBudget = 0 }), new FakeTimeProvider(), NullLogger<DailyRequestBudget>.Instance);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(budget.TryTake()));
    }
}
