using ChatBot.Benchmarks;
using ChatBot.Worker.ConsolePlatform;

// dotnet run --project tests/ChatBot.Benchmarks -c Release -- [--sizes 10000,100000] [--questions 100] ...
// dotnet run --project tests/ChatBot.Benchmarks -c Release -- feeds [corpus folder]   (the feed reader: docs/feeds.md)
// dotnet run --project tests/ChatBot.Benchmarks -c Release -- vectors [size] [claims] [--no-recall]   (the vector index alone)
if (args.Length > 0 && args[0] == "feeds")
{
    return await FeedBenchmark.RunAsync(args.Length > 1 ? args[1] : "tests/ChatBot.Tests/Retrieval/Ingestion/Feeds/Corpus", Console.Out);
}

if (args.Length > 0 && args[0] == "vectors")
{
    return await VectorIndexBenchmark.RunAsync(args[1..], Console.Out); // the vector index alone: [size] [basis cache]
}

if (args.Length == 3 && args[0] == "cold-start")
{
    return await ColdStartProbe.RunChildAsync(args[1], args[2]); // the child of the benchmark's cold start at the largest size
}

return await BenchCommand.RunAsync(args, ConsoleIo.Standard(), Console.Error);
