using ChatBot.Retrieval.Embeddings;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.IntegrationTests.Retrieval.Embeddings;

/// <summary>The bot loads the model at start, in the background, so the first question does not wait for it; one-shot verbs do not.</summary>
public sealed class EmbeddingWarmUpTests
{
    [Fact]
    public async Task BotStart_NoQuestionAsked_TheModelIsLoadedWithNothingCountedAsEncoded()
    {
        using var bot = new BotHost();
        using var host = bot.Build(bot.NoSeeds);
        var model = Assert.IsType<MiniLmEmbeddingGenerator>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.False(model.IsLoaded);

        await host.StartAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (!model.IsLoaded)
            {
                await Task.Delay(50, timeout.Token);
            }

            Assert.False(model.IsBulkLoaded);
            Assert.Equal(0, model.TextsEncoded);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void VerbHost_IsNotWarmed()
    {
        using var data = new TempDirectory();
        using var host = ChatBotHost.Build([$"--Storage:DataDirectory={data.Path}"], runPlatforms: false, new ConsoleIo(TextReader.Null, TextWriter.Null), LogLevel.Warning);

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is EmbeddingWarmUp);
    }
}
