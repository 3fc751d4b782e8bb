using System.Collections.Concurrent;
using ChatBot.TestKit.Web;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 (a free port): keeps every protobuf body posted to /v1/traces and /v1/metrics with
/// a copy of its headers, answers 200 with an empty export response, and reads span and metric names out of the OTLP messages.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private LocalWebServer _web = null!;
    private readonly ConcurrentQueue<(string Path, ByteString Body, IReadOnlyDictionary<string, string> Headers)> _exports = new();

    public Uri Endpoint => _web.BaseUri;

    public IReadOnlyList<(string Path, ByteString Body, IReadOnlyDictionary<string, string> Headers)> Exports => [.. _exports];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver._web = await LocalWebServer.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            // Kestrel reuses the header collection after the request: keep a copy.
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver._exports.Enqueue((context.Request.Path, ByteString.CopyFrom(body.ToArray()), headers));
            context.Response.ContentType = "application/x-protobuf";
        }));
        return receiver;
    }

    /// <summary>Names of the spans received: ExportTraceServiceRequest → resource_spans(1) → scope_spans(2) → spans(2) → name(5).</summary>
    public IReadOnlyList<(string Name, ByteString TraceId, ByteString SpanId, ByteString ParentSpanId)> Spans() =>
        [.. Bodies("/v1/traces").SelectMany(b => Fields(b, 1)).SelectMany(r => Fields(r, 2)).SelectMany(s => Fields(s, 2))
            .Select(span => (Fields(span, 5).Single().ToStringUtf8(), Fields(span, 1).Single(), Fields(span, 2).Single(), Fields(span, 4).SingleOrDefault() ?? ByteString.Empty))];

    /// <summary>Names of the metrics received: resource_metrics(1) → scope_metrics(2) → metrics(2) → name(1).</summary>
    public IReadOnlySet<string> MetricNames() =>
        Bodies("/v1/metrics").SelectMany(b => Fields(b, 1)).SelectMany(r => Fields(r, 2)).SelectMany(s => Fields(s, 2))
            .Select(m => Fields(m, 1).Single().ToStringUtf8()).ToHashSet(StringComparer.Ordinal);

    /// <summary>The string resource attributes of every export of <paramref name="path"/>: resource(1) → attributes(1) → key(1), value(2) → string_value(1).</summary>
    public IReadOnlySet<string> ResourceAttributes(string path) =>
        Bodies(path).SelectMany(b => Fields(b, 1)).SelectMany(r => Fields(r, 1)).SelectMany(resource => Fields(resource, 1))
            .Select(kv => $"{Fields(kv, 1).Single().ToStringUtf8()}={Fields(kv, 2).SelectMany(v => Fields(v, 1)).SingleOrDefault()?.ToStringUtf8()}")
            .ToHashSet(StringComparer.Ordinal);

    public ValueTask DisposeAsync() => _web.DisposeAsync();

    private IEnumerable<ByteString> Bodies(string path) => _exports.Where(e => e.Path == path).Select(e => e.Body);

    /// <summary>The length-delimited values of field <paramref name="number"/> of a protobuf message (other fields skipped).</summary>
    private static List<ByteString> Fields(ByteString message, int number)
    {
        var values = new List<ByteString>();
        var input = new CodedInputStream(message.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }
}
