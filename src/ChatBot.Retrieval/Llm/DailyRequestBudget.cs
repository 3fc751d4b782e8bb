using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Llm;

/// <summary>Counts model requests per UTC day against <see cref="LlmOptions.DailyRequestBudget"/> (0 = no limit).</summary>
public sealed class DailyRequestBudget(IOptions<LlmOptions> options, TimeProvider time, ILogger<DailyRequestBudget> logger)
{
    private readonly int _budget = options.Value.DailyRequestBudget;
    private readonly Lock _gate = new();
    private DateOnly _day;
    private int _used;
    private bool _reported;

    /// <summary>Takes one request from today's budget; false when it is used up.</summary>
    public bool TryTake()
    {
        if (_budget == 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        lock (_gate)
        {
            if (today != _day)
            {
                _day = today;
                _used = 0;
                _reported = false;
            }

            if (_used < _budget)
            {
                _used++;
                return true;
            }

            if (!_reported)
            {
                _reported = true;
                LlmLog.BudgetExhausted(logger, _budget, new DateTimeOffset(today.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero));
            }

            return false;
        }
    }
}
