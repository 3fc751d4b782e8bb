using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.TestKit.Discord;

/// <summary>The gateway side: what the fake does with each frame the bot sends (identify, resume, heartbeat, …).</summary>
public sealed partial class FakeDiscordServer
{
    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal async Task OnFrameAsync(FakeGatewayConnection connection, JsonElement frame)
    {
        switch (frame.GetProperty("op").GetInt32())
        {
            case 1 when AcknowledgeHeartbeats:
                await connection.SendAsync(new JsonObject { ["op"] = 11 });
                break;
            case 2:
                var intents = frame.GetProperty("d").GetProperty("intents").GetInt32();
                lock (_identifiedIntents)
                {
                    _identifiedIntents.Add(intents);
                }

                const int privileged = (1 << 1) | (1 << 8) | (1 << 15);
                if ((intents & privileged & ~EnabledPrivilegedIntents) != 0)
                {
                    await connection.CloseAsync(4014, "Disallowed intent(s).");
                    break;
                }

                var n = Interlocked.Increment(ref _identifies);
                CurrentSessionId = "session-" + n;
                connection.SessionId = CurrentSessionId;
                var shard = frame.GetProperty("d").TryGetProperty("shard", out var s) && s.ValueKind == JsonValueKind.Array
                    ? new JsonArray(s[0].GetInt32(), s[1].GetInt32())
                    : new JsonArray(0, 1);
                connection.Shard = shard[0]!.GetValue<int>();
                Interlocked.Exchange(ref _sequence, 0);
                await connection.DispatchAsync("READY", new JsonObject
                {
                    ["v"] = 10,
                    ["user"] = new JsonObject { ["id"] = ApplicationId, ["username"] = "chatbot", ["bot"] = true },
                    ["guilds"] = new JsonArray(),
                    ["session_id"] = CurrentSessionId,
                    ["resume_gateway_url"] = ResumeUrl,
                    ["shard"] = shard,
                    ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
                });
                break;
            case 6:
                Interlocked.Increment(ref _resumes);
                List<(string Event, JsonNode Data)> replay;
                lock (_replay)
                {
                    replay = [.. _replay];
                    _replay.Clear();
                }

                foreach (var (eventName, data) in replay)
                {
                    await connection.DispatchAsync(eventName, data);
                }

                await connection.DispatchAsync("RESUMED", new JsonObject());
                break;
        }
    }
}
