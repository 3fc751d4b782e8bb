using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;

// Composition lives in Hosting/ChatBotHost.cs; this only hands the command line over.
return await CliApp.RunAsync(args, ConsoleIo.Standard(), Console.Error);
