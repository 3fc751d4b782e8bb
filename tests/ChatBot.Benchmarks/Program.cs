using ChatBot.Benchmarks;
using ChatBot.Worker.ConsolePlatform;

// dotnet run --project tests/ChatBot.Benchmarks -c Release -- [--sizes 10000,100000] [--questions 100] ...
return await BenchCommand.RunAsync(args, ConsoleIo.Standard(), Console.Error);
