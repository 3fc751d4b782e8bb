using ChatBot.Benchmarks;
using ChatBot.Worker.ConsolePlatform;

// dotnet run --project tests/ChatBot.Benchmarks -c Release -- [--sizes 10000,100000] [--questions 100] ...
// dotnet run --project tests/ChatBot.Benchmarks -c Release -- feeds [corpus folder]   (the feed reader: docs/feeds.md)
if (args.Length > 0 && args[0] == "feeds")
{
    return await FeedBenchmark.RunAsync(args.Length > 1 ? args[1] : "tests/ChatBot.Tests/Retrieval/Ingestion/Feeds/Corpus", Console.Out);
}

return await BenchCommand.RunAsync(args, ConsoleIo.Standard(), Console.Error);
