using ChatBot.Worker.Cli;

namespace ChatBot.Tests.Worker.Cli;

public class CliArgumentsTests
{
    [Fact]
    public void Split_ConfigurationKeys_AreSeparatedFromVerbArguments()
    {
        var (configuration, command) = CliArguments.Split(["ask", "--Storage:DataDirectory=/tmp/x", "why?", "--json", "--Search:AbstainBelow", "0.4"]);

        Assert.Equal(["--Storage:DataDirectory=/tmp/x", "--Search:AbstainBelow=0.4"], configuration);
        Assert.Equal(["ask", "why?", "--json"], command);
    }
}
