using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>Storage:Provider picks the implementations; no database is opened here.</summary>
public sealed class PostgresRegistrationTests
{
    [Fact]
    public void AddRetrieval_ProviderPostgres_RegistersPostgresStoresAndChangePoll()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=x;Password=secret" });

        Assert.IsType<PostgresArticleStore>(provider.GetRequiredService<IArticleStore>());
        Assert.IsType<PostgresConnectionFactory>(provider.GetRequiredService<SqlDatabase>());
        Assert.IsType<PostgresMigrator>(provider.GetRequiredService<ISchemaMigrator>());
        Assert.IsType<EventDeduplicator>(provider.GetRequiredService<IEventDeduplicator>());
        Assert.IsType<LeaseStore>(provider.GetRequiredService<ILeaseStore>());
        Assert.IsType<ConversationStore>(provider.GetRequiredService<IConversationStore>());
        Assert.Null(provider.GetService<SqliteConnectionFactory>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is ArticleChangePollService);
    }

    [Fact]
    public void AddRetrieval_ProviderSqlite_RegistersSqliteStoresWithoutChangePoll()
    {
        using var provider = Build(new() { ["Storage:DataDirectory"] = Path.GetTempPath() });

        Assert.IsType<SqliteArticleStore>(provider.GetRequiredService<IArticleStore>());
        Assert.IsType<SqliteConnectionFactory>(provider.GetRequiredService<SqlDatabase>());
        Assert.IsType<SqliteMigrator>(provider.GetRequiredService<ISchemaMigrator>());
        Assert.IsType<LeaseStore>(provider.GetRequiredService<ILeaseStore>());
        Assert.IsType<ConversationStore>(provider.GetRequiredService<IConversationStore>());
        Assert.Null(provider.GetService<PostgresConnectionFactory>());
        Assert.DoesNotContain(provider.GetServices<IHostedService>(), s => s is ArticleChangePollService);
    }

    [Fact]
    public void AddRetrieval_PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "Postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddRetrieval(configuration);
        return services.BuildServiceProvider();
    }
}
