using System.Collections.Concurrent;
using System.Diagnostics;
using ChatBot.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>
/// Listens to the bot's meter (the in-memory exporter) and activity source (every ended span) for one test: the
/// tests using it run in <see cref="TelemetryCollection"/>, alone, so only their own work is counted.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly List<Metric> _metrics = [];
    private readonly SpanRecorder _recorder = new();
    private readonly MeterProvider _meterProvider;
    private readonly TracerProvider _tracerProvider;

    public TelemetryCapture()
    {
        _meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(ChatTelemetry.Name).AddInMemoryExporter(_metrics).Build();
        _tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource(ChatTelemetry.Name).AddProcessor(_recorder).Build();
    }

    public void Dispose()
    {
        _meterProvider.Dispose();
        _tracerProvider.Dispose();
    }

    /// <summary>
    /// The sum (a counter) or count (a histogram) of the metric's points whose tags include all of <paramref name="tags"/>
    /// ("key=value"), after a flush.
    /// </summary>
    public long Count(string name, params string[] tags)
    {
        _metrics.Clear();
        _meterProvider.ForceFlush();
        long total = 0;
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new HashSet<string>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    pointTags.Add($"{tag.Key}={tag.Value}");
                }

                if (tags.All(pointTags.Contains))
                {
                    total += metric.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
                }
            }
        }

        return total;
    }

    /// <summary>Waits until the ended spans satisfy <paramref name="done"/> (a span ends just after its work).</summary>
    public Task<IReadOnlyList<Activity>> WaitForSpansAsync(Func<IReadOnlyList<Activity>, bool> done, TimeSpan timeout) =>
        _recorder.WaitAsync(done, timeout);

    /// <summary>Polls <see cref="Count"/> until it reaches <paramref name="expected"/> (work on other threads ends a little later).</summary>
    public async Task<long> WaitForCountAsync(long expected, TimeSpan timeout, string name, params string[] tags)
    {
        using var cts = new CancellationTokenSource(timeout);
        long count;
        while ((count = Count(name, tags)) < expected && !cts.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        return count;
    }

    /// <summary>Keeps every ended span; safe to read while requests still end.</summary>
    private sealed class SpanRecorder : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<Activity> _ended = new();

        public override void OnEnd(Activity data) => _ended.Enqueue(data);

        public async Task<IReadOnlyList<Activity>> WaitAsync(Func<IReadOnlyList<Activity>, bool> done, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (!done([.. _ended]))
            {
                await Task.Delay(20, cts.Token);
            }

            return [.. _ended];
        }
    }
}
