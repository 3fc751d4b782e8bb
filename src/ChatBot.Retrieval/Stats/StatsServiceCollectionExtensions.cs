using ChatBot.Core.Stats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Retrieval.Stats;

public static class StatsServiceCollectionExtensions
{
    /// <summary>
    /// The question log (<see cref="IQuestionLog"/>, <see cref="IChatStats"/>) with its migration, the gap finder and
    /// the retention sweep (a hosted service: register after the start-up indexer, which applies the schema).
    /// </summary>
    public static IServiceCollection AddStats(this IServiceCollection services)
    {
        services.AddOptions<StatsOptions>().BindConfiguration(StatsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(QuestionLogStore.Migration);
        services.TryAddSingleton<QuestionLogStore>();
        services.TryAddSingleton<IQuestionLog>(sp => sp.GetRequiredService<QuestionLogStore>());
        services.TryAddSingleton<IChatStats>(sp => sp.GetRequiredService<QuestionLogStore>());
        services.TryAddSingleton<IStatsGaps, GapFinder>();
        services.AddHostedService<QuestionLogRetention>();
        return services;
    }
}
