using ChatBot.Core.Chat;
using ChatBot.Core.Telemetry;

namespace ChatBot.Tests.Core.Telemetry;

public sealed class ChatTelemetryTests
{
    [Theory]
    [InlineData(ReplyKind.Answer, false, "answered")]
    [InlineData(ReplyKind.Answer, true, "abstained")]
    [InlineData(ReplyKind.SearchResults, false, "answered")]
    [InlineData(ReplyKind.Refusal, false, "refused")]
    [InlineData(ReplyKind.Error, false, "failed")]
    [InlineData(ReplyKind.Busy, false, "busy")]
    public void Outcome_FollowsTheReplyKindAndAbstention(ReplyKind kind, bool abstained, string expected) =>
        Assert.Equal(expected, ChatTelemetry.Outcome(new ChatReply(kind, "text") { Abstained = abstained }));
}
