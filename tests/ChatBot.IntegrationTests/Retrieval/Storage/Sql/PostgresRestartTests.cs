using System.Diagnostics;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>The database restarts under a running replica: its pooled connections are dead, and the store recovers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresTestServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Store_AfterServerRestart_ReconnectsAndWorks()
    {
        var pgCtl = PostgresTestServer.PgCtl;
        var data = PostgresTestServer.DataDirectory;
        await using var replica = new Replica(_schema.ConnectionString, _time);
        await replica.StartAsync();
        var before = await replica.Pipeline.IngestDraftAsync(new ArticleDraft("a", "Platypus", "The platypus lays eggs."), CancellationToken.None);
        var dedupe = new EventDeduplicator(replica.Connections, _time);
        Assert.True(await dedupe.TryClaimAsync("slack", "Ev1", CancellationToken.None));

        try
        {
            await RunAsync(pgCtl, "-D", data, "-m", "fast", "-w", "stop");
        }
        finally
        {
            await RunAsync(pgCtl, "-D", data, "-l", Path.Combine(Path.GetDirectoryName(data)!, "server.log"), "-w", "-t", "60", "start");
        }

        var article = await replica.Store.GetAsync("local", before.Article!.Id, CancellationToken.None);
        var after = await replica.Pipeline.IngestDraftAsync(new ArticleDraft("b", "Echidna", "Echidnas lay eggs too."), CancellationToken.None);
        var hits = await replica.Store.SearchLexicalAsync("local", ["eggs"], 10, CancellationToken.None);

        Assert.Equal("Platypus", article!.Title);
        Assert.Equal(IngestOutcome.Added, after.Outcome);
        Assert.Equal(2, hits.Count);
        Assert.False(await dedupe.TryClaimAsync("slack", "Ev1", CancellationToken.None));
        Assert.True(await dedupe.TryClaimAsync("slack", "Ev2", CancellationToken.None));
    }

    [Fact]
    public async Task Claim_StartedWhileServerIsDown_WaitsForTheRestartAndSucceeds()
    {
        await using var connections = StoreFactory.Connections(_schema.ConnectionString, reconnectSeconds: 120);
        var dedupe = new EventDeduplicator(connections, _time);
        await MigrateAsync(connections);

        Task<bool> claim;
        await StopAsync();
        try
        {
            claim = dedupe.TryClaimAsync("slack", "Ev1", CancellationToken.None);
        }
        finally
        {
            await StartAsync();
        }

        Assert.True(await claim);
        Assert.False(await dedupe.TryClaimAsync("slack", "Ev1", CancellationToken.None));
    }

    [Fact]
    public async Task Claim_ServerDownWithNoReconnectTime_FailsInsteadOfWaiting()
    {
        await using var connections = StoreFactory.Connections(_schema.ConnectionString, reconnectSeconds: 0);
        var dedupe = new EventDeduplicator(connections, _time);
        await MigrateAsync(connections);

        await StopAsync();
        try
        {
            await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => dedupe.TryClaimAsync("slack", "Ev1", CancellationToken.None));
        }
        finally
        {
            await StartAsync();
        }
    }

    private async Task MigrateAsync(PostgresConnectionFactory connections) =>
        await TestDatabase.Migrator(connections, _time, EventDeduplicator.Migration, LeaseStore.Migration).MigrateAsync(CancellationToken.None);

    private static Task StopAsync() => RunAsync(PostgresTestServer.PgCtl, "-D", PostgresTestServer.DataDirectory, "-m", "fast", "-w", "stop");

    private static Task StartAsync() =>
        RunAsync(PostgresTestServer.PgCtl, "-D", PostgresTestServer.DataDirectory, "-l", Path.Combine(Path.GetDirectoryName(PostgresTestServer.DataDirectory)!, "server.log"), "-w", "-t", "60", "start");

    private static async Task RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_ctl {string.Join(' ', arguments)} failed: {await output} {await error}");
    }
}
