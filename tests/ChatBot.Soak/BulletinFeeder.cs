using ChatBot.Core.Libraries;
using ChatBot.Core.Retrieval;

namespace ChatBot.Soak;

/// <summary>
/// Ingests a new article ("… (bulletin N)") every so often while the load runs, as a feed would, so that every digest
/// window has stories: a digest is then a post with content, and a story posted twice shows a doubled digest.
/// </summary>
public sealed class BulletinFeeder(IRetrievalService retrieval, string folder, TextWriter log)
{
    /// <summary>Facts far from those the load asks about (the generated articles use the first ones).</summary>
    private const int FactsOffset = 1000;

    public int Ingested { get; private set; }

    public int Failed { get; private set; }

    public async Task RunAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        for (var number = 1; !cancellationToken.IsCancellationRequested; number++)
        {
            try
            {
                await Task.Delay(every, cancellationToken);
                var path = ArticleGenerator.WriteOne(folder, number, FactsOffset + number, paragraphs: 2, prefix: "bulletin");
                var results = await retrieval.IngestAsync(LibraryNames.Local, path, cancellationToken);
                if (results.All(r => r.Succeeded))
                {
                    Ingested++;
                }
                else
                {
                    Failed++;
                    await log.WriteLineAsync($"bulletin {number} not ingested");
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
