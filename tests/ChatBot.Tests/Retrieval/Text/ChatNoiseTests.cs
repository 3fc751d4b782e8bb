using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval.Text;

public sealed class ChatNoiseTests
{
    [Theory]
    [InlineData("<!channel> @everyone <script> what about open source?", "what about open source?")]
    [InlineData("<@U024BE7LH> <@!80351110224678912> who is Meta's chief scientist?", "who is Meta's chief scientist?")]
    [InlineData("@here <!here> <!everyone> <!subteam^S123|devs> when did it start?", "when did it start?")]
    [InlineData("see https://example.com/a?b=c and <https://x.example|the report> :thumbsup: 🎉 **why** does it `matter`?", "see and the report why does it matter?")]
    [InlineData("> quoted _emphasis_ ~struck~ question?", "quoted emphasis struck question?")]
    [InlineData("<#C123|general> how many GPUs?", "how many GPUs?")]
    [InlineData("wat about teh fish", "what about the fish")]
    [InlineData("how much did it cost u", "how much did it cost you")]
    [InlineData("pls tell me whats in ur report", "please tell me what's in your report")]
    [InlineData("U.S. and U Thant and u.s. and e-u", "U.S. and U Thant and u.s. and e-u")]
    public void Clean_ChatNoise_LeavesTheQuestion(string raw, string expected)
    {
        Assert.Equal(expected, ChatNoise.Clean(raw));
    }

    [Fact]
    public void Clean_PlainQuestion_IsUnchanged()
    {
        Assert.Equal("What did LeCun say about open-source models in 2025?", ChatNoise.Clean("What did LeCun say about open-source models in 2025?"));
    }

    [Fact]
    public void Clean_EmailAddressAndSnakeCase_AreKept()
    {
        Assert.Equal("who owns ops@example.com and max_tokens?", ChatNoise.Clean("who owns ops@example.com and max_tokens?"));
    }
}
