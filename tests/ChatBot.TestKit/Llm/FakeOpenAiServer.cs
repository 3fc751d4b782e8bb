using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.TestKit.Llm;

/// <summary>
/// An OpenAI-compatible chat completions server on 127.0.0.1 (Kestrel, a free port): POST …/chat/completions on
/// any path prefix (OpenAI "/v1/…", Azure "/openai/deployments/{d}/…"), JSON or SSE streaming ("data: {…}" chunks
/// ending with "data: [DONE]"). Records every request; replies as scripted.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private KestrelListener _listener = null!;
    private readonly ConcurrentQueue<FakeChatBehaviour> _script = new();
    private readonly List<RecordedChatRequest> _requests = [];
    private readonly Lock _gate = new();
    private int _ids;


    /// <summary>The server root, e.g. http://127.0.0.1:43210/.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The OpenAI-style base URL, Root + "v1/".</summary>
    public Uri BaseUrl => new(Root, "v1/");

    /// <summary>Used when nothing is queued and no responder is set.</summary>
    public FakeChatBehaviour Default { get; set; } = FakeChatBehaviour.Reply("OK");

    /// <summary>When set, decides each reply from the request (queued behaviours are ignored).</summary>
    public Func<RecordedChatRequest, FakeChatBehaviour>? Responder { get; set; }

    public IReadOnlyList<RecordedChatRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        server._listener = await KestrelListener.StartAsync(
            ["http://127.0.0.1:0"], maxRequestBodyBytes: null, app => app.MapPost("/{**path}", server.HandleAsync), CancellationToken.None);
        server.Root = new Uri(server._listener.Urls[0].TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Queues behaviours for the next requests, in order.</summary>
    public void Enqueue(params FakeChatBehaviour[] behaviours)
    {
        foreach (var behaviour in behaviours)
        {
            _script.Enqueue(behaviour);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync(CancellationToken.None);
        await _listener.DisposeAsync();
    }

    private static RecordedChatRequest Record(HttpRequest request, string body)
    {
        var json = JsonNode.Parse(body)!;
        var messages = json["messages"]!.AsArray().Select(m => new RecordedChatMessage(
            (string)m!["role"]!,
            m["content"] switch
            {
                JsonValue value => (string)value!,
                JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? string.Empty)),
                _ => string.Empty,
            })).ToList();
        return new RecordedChatRequest(
            request.Path + request.QueryString,
            (string?)json["model"],
            json["stream"] is JsonValue stream && (bool)stream,
            messages,
            body,
            request.Headers.Authorization.FirstOrDefault(),
            request.Headers["api-key"].FirstOrDefault());
    }

    private static async Task WriteJsonAsync(HttpResponse response, object payload, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(payload), cancellationToken);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        if (!context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(aborted);
        var recorded = Record(context.Request, body);
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        var behaviour = Responder?.Invoke(recorded) ?? (_script.TryDequeue(out var next) ? next : Default);
        var response = context.Response;
        try
        {
            switch (behaviour.Kind)
            {
                case FakeChatKind.Hang:
                    await Task.Delay(Timeout.Infinite, aborted);
                    return;
                case FakeChatKind.Status:
                    response.StatusCode = behaviour.StatusCode;
                    if (behaviour.RetryAfterSeconds is { } retryAfter)
                    {
                        response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    await WriteJsonAsync(response, new { error = new { message = "scripted failure", type = "server_error", code = behaviour.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) } }, aborted);
                    return;
                case FakeChatKind.Garbage:
                    response.ContentType = recorded.Stream ? "text/event-stream" : "application/json";
                    await response.WriteAsync(recorded.Stream ? "data: {not json at all\n\n" : "<html>definitely { not json", aborted);
                    return;
                default:
                    if (behaviour.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(behaviour.Delay, aborted);
                    }

                    var id = "chatcmpl-" + Interlocked.Increment(ref _ids);
                    if (recorded.Stream)
                    {
                        await StreamAsync(response, id, recorded.Model, behaviour, aborted);
                    }
                    else
                    {
                        await WriteJsonAsync(response, Completion(id, recorded.Model, behaviour.Text), aborted);
                    }

                    return;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): nothing more to send.
        }
    }

    private static object Completion(string id, string? model, string text) => new
    {
        id,
        @object = "chat.completion",
        created = 1_700_000_000,
        model = model ?? "fake",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    };

    private static async Task StreamAsync(HttpResponse response, string id, string? model, FakeChatBehaviour behaviour, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        for (var i = 0; i < behaviour.Pieces.Count; i++)
        {
            if (i > 0 && behaviour.Delay > TimeSpan.Zero)
            {
                await Task.Delay(behaviour.Delay, cancellationToken);
            }

            var delta = i == 0 ? (object)new { role = "assistant", content = behaviour.Pieces[i] } : new { content = behaviour.Pieces[i] };
            await WriteEventAsync(response, Chunk(id, model, delta, null), cancellationToken);
        }

        await WriteEventAsync(response, Chunk(id, model, new { }, "stop"), cancellationToken);
        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static object Chunk(string id, string? model, object delta, string? finishReason) => new
    {
        id,
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = model ?? "fake",
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    };

    private static async Task WriteEventAsync(HttpResponse response, object payload, CancellationToken cancellationToken)
    {
        await response.WriteAsync("data: " + JsonSerializer.Serialize(payload) + "\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
