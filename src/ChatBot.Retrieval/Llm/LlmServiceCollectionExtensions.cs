using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Answers.Llm;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Summaries.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Polly;

namespace ChatBot.Retrieval.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>The named HttpClient the model connector uses.</summary>
    public const string HttpClientName = "ChatBot.Llm";

    /// <summary>
    /// Model-written answers, summaries and digest overviews through Semantic Kernel. Always binds and validates
    /// <c>Llm:*</c>; when <c>Llm:Provider</c> is not None, replaces the <see cref="IRetrievalService"/> registration of
    /// <see cref="RetrievalServiceCollectionExtensions.AddRetrieval"/> with <see cref="LlmRetrievalService"/> wrapping
    /// <see cref="RetrievalService"/>, and registers <see cref="IStreamingRetrievalService"/> and <see cref="IDigestOverviewWriter"/>.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());

        var provider = configuration.GetSection(LlmOptions.SectionName).GetValue<LlmProvider?>(nameof(LlmOptions.Provider)) ?? LlmProvider.None;
        if (provider == LlmProvider.None)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("llm-retry", (pipeline, context) =>
            {
                var retries = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value.MaxRetries;
                if (retries > 0)
                {
                    // Transient only (429, 5xx, connection errors); Retry-After wins over the backoff. The call's own
                    // budget (a linked token with CancelAfter) bounds the whole thing.
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = retries,
                        ShouldRetryAfterHeader = true,
                        BackoffType = DelayBackoffType.Exponential,
                        Delay = TimeSpan.FromSeconds(1),
                        UseJitter = true,
                    });
                }
            });
        services.TryAddSingleton(sp => PromptLibrary.Load(sp.GetRequiredService<IOptions<LlmOptions>>().Value.ResolvePromptsDirectory()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var kernel = LlmKernelFactory.Create(options, http);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmServiceCollectionExtensions).FullName!);
            var endpoint = options.ResolveEndpoint()?.ToString() ?? "https://api.openai.com/v1";
            LlmLog.Configured(logger, options.Provider, options.Model ?? string.Empty, endpoint, options.ResolvePromptsDirectory());
            return kernel;
        });
        services.TryAddSingleton<DailyRequestBudget>();
        services.TryAddSingleton<LlmClient>();
        services.TryAddSingleton<LlmAnswerer>();
        services.TryAddSingleton<QuestionCondenser>();
        services.TryAddSingleton<LlmSummarizer>();
        services.TryAddSingleton<IPassageRetriever>(sp => new RetrievalServicePassages(sp.GetRequiredService<RetrievalService>()));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<LlmRetrievalService>(sp, (IRetrievalService)sp.GetRequiredService<RetrievalService>()));
        services.Replace(ServiceDescriptor.Singleton<IRetrievalService>(sp => sp.GetRequiredService<LlmRetrievalService>()));
        services.TryAddSingleton<IStreamingRetrievalService>(sp => sp.GetRequiredService<LlmRetrievalService>());
        services.TryAddSingleton<IDigestOverviewWriter, LlmDigestOverviewWriter>();
        return services;
    }
}
