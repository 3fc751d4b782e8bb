using System.Net;
using System.Text.Json;
using ChatBot.Core.Platforms;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Worker.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Worker.Health;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly VectorIndex _index = new(4);

    public void Dispose()
    {
        _index.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Get_DatabaseAnswers_ReportsReadyWithChunkCounts()
    {
        var store = await MigratedStoreAsync();
        _index.Add(1, 1, "local", [1f, 0f, 0f, 0f]);

        var (status, json) = await GetHealthAsync(store);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("databaseReachable").GetBoolean());
        Assert.Equal(0, json.GetProperty("databaseChunks").GetInt32());
        Assert.Equal(1, json.GetProperty("indexChunks").GetInt32());
    }

    [Fact]
    public async Task Get_DatabaseFails_ReportsUnavailableWith503()
    {
        var store = new SqliteArticleStore(Connections(), TimeProvider.System); // never migrated: no tables

        var (status, json) = await GetHealthAsync(store);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unavailable", json.GetProperty("status").GetString());
        Assert.False(json.GetProperty("databaseReachable").GetBoolean());
    }

    [Fact]
    public async Task Get_PlatformStoppedByAFatalError_ReportsDegradedWith503NamingIt()
    {
        var store = await MigratedStoreAsync();
        var platforms = new PlatformStatus();
        platforms.Stopped("slack", "token rejected (token_revoked)");

        var (status, json) = await GetHealthAsync(store, platforms);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("databaseReachable").GetBoolean());
        Assert.Equal("token rejected (token_revoked)", json.GetProperty("stoppedPlatforms").GetProperty("slack").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetHealthAsync(IArticleStore store, PlatformStatus? platforms = null)
    {
        await using var service = new HealthEndpointService(
            Options.Create(new HealthOptions { Urls = "http://127.0.0.1:0" }), store, _index, platforms ?? new PlatformStatus(), NullLogger<HealthEndpointService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri(new Uri(service.BoundUrls[0]), "/health"));
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private SqliteConnectionFactory Connections() =>
        new(Options.Create(new StorageOptions { DataDirectory = _directory.Path }));

    private async Task<SqliteArticleStore> MigratedStoreAsync()
    {
        var connections = Connections();
        await new SqliteMigrator(connections, [ArticleStore.Migration], TimeProvider.System).MigrateAsync(CancellationToken.None);
        return new SqliteArticleStore(connections, TimeProvider.System);
    }
}
