using ChatBot.TestKit.Llm;

namespace ChatBot.Soak;

/// <summary>What the fake LLM endpoint does right now: a good cited answer, or one of the failures.</summary>
public sealed class LlmFaults
{
    private volatile string _mode = "ok";

    public string Mode
    {
        get => _mode;
        set => _mode = value;
    }

    public FakeChatBehaviour Respond(RecordedChatRequest request) => _mode switch
    {
        "timeout" => FakeChatBehaviour.Hang(),
        "429" => FakeChatBehaviour.RateLimited(1),
        "500" => FakeChatBehaviour.ServerError(500),
        "garbage" => FakeChatBehaviour.Garbage(),
        _ => FakeChatBehaviour.Reply("The article says the answer is in the passages [1]."),
    };
}
