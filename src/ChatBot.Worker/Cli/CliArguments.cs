namespace ChatBot.Worker.Cli;

/// <summary>Separates configuration overrides ("--Storage:DataDirectory=x" or "--Storage:DataDirectory x") from the verb's own arguments.</summary>
public static class CliArguments
{
    public static (List<string> Configuration, List<string> Command) Split(IReadOnlyList<string> args)
    {
        var configuration = new List<string>();
        var command = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf(':', StringComparison.Ordinal) > 2)
            {
                if (arg.Contains('=', StringComparison.Ordinal) || i + 1 >= args.Count)
                {
                    configuration.Add(arg);
                }
                else
                {
                    configuration.Add(arg + "=" + args[++i]);
                }

                continue;
            }

            command.Add(arg);
        }

        return (configuration, command);
    }
}
