using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Benchmarks;

/// <summary>
/// `feeds` mode: every corpus file read by the feed reader (dialect, items, warning or error); feeds parsed per second
/// on a synthetic 500-item WordPress-shaped feed; allocation and memory for a synthetic 10 MB feed, beside loading the
/// same bytes as one XDocument (what a DOM reader does) for comparison.
/// </summary>
public static class FeedBenchmark
{
    public static async Task<int> RunAsync(string corpus, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync("| corpus file | dialect | items | warning or error |");
        await output.WriteLineAsync("| --- | --- | ---: | --- |");
        foreach (var path in Directory.EnumerateFiles(corpus).Order(StringComparer.Ordinal))
        {
            await output.WriteLineAsync(Describe(path));
        }

        var small = Synthetic(500, paragraphs: 6);
        Read(small); // warm up
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            Read(small);
            runs++;
        }

        var perSecond = runs / watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync();
        await output.WriteLineAsync("| measure | value |");
        await output.WriteLineAsync("| --- | --- |");
        await output.WriteLineAsync(Row($"500-item RSS 2.0 feed ({small.Length / 1024.0:N0} KB, content:encoded + description)", $"{perSecond:N1} feeds/s ({perSecond * 500:N0} items/s, {runs} reads in {watch.Elapsed.TotalSeconds:N1} s)"));

        var sample = Synthetic(100, paragraphs: 8).Length / 100.0;
        var large = Synthetic((int)Math.Ceiling(10 * 1024 * 1024 / sample), paragraphs: 8);
        var (readAllocated, readRetained, readTime, read) = Measure(() => Read(large));
        var items = ((FeedDocument)read).Items.Count;
        var (domAllocated, domRetained, domTime, _) = Measure(() => XDocument.Load(new MemoryStream(large)));
        await output.WriteLineAsync(Row($"10 MB feed ({large.Length / 1024.0 / 1024.0:N1} MB, {items:N0} items): feed reader", $"{readTime:N2} s, allocated {Mb(readAllocated)}, retained {Mb(readRetained)} (the items, text + HTML)"));
        await output.WriteLineAsync(Row("same bytes as one XDocument (for comparison)", $"{domTime:N2} s, allocated {Mb(domAllocated)}, retained {Mb(domRetained)} (the tree)"));
        await output.WriteLineAsync(Row("process peak working set", Mb(Process.GetCurrentProcess().PeakWorkingSet64)));
        return 0;
    }

    private static string Describe(string path)
    {
        var name = Path.GetFileName(path);
        var charset = name.Contains("http-charset-1251", StringComparison.Ordinal) ? "windows-1251" : null; // as the server would say
        try
        {
            var feed = FeedParser.Parse(File.ReadAllBytes(path), new Uri("https://feeds.example/feed"), charset);
            return $"| {name} | {feed.Dialect} | {feed.Items.Count} | {feed.Warning?.Replace("|", "\\|", StringComparison.Ordinal) ?? string.Empty} |";
        }
        catch (IngestionException ex)
        {
            return $"| {name} | (refused) | 0 | {ex.Message.Replace("|", "\\|", StringComparison.Ordinal)} |";
        }
    }

    private static FeedDocument Read(byte[] body) => FeedParser.Parse(body, new Uri("https://blog.example/feed/"), "utf-8");

    /// <summary>Bytes allocated while <paramref name="action"/> runs, and bytes its result keeps alive afterwards.</summary>
    private static (long Allocated, long Retained, double Seconds, object Result) Measure(Func<object> action)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = action();
        var seconds = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(result);
        return (allocated, retained, seconds, result);
    }

    /// <summary>A WordPress-shaped RSS 2.0 feed: each item has a teaser description and a content:encoded article.</summary>
    private static byte[] Synthetic(int items, int paragraphs)
    {
        var feed = new StringBuilder();
        feed.Append("""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Synthetic Blog</title><link>https://blog.example</link>""");
        for (var i = 0; i < items; i++)
        {
            var day = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(-i);
            feed.Append(CultureInfo.InvariantCulture, $"""<item><title>Post number {i} about tides &amp; waves</title><link>https://blog.example/{i}/</link><guid isPermaLink="false">https://blog.example/?p={i}</guid><dc:creator><![CDATA[Author {i % 7}]]></dc:creator><pubDate>{day.ToString("r", CultureInfo.InvariantCulture)}</pubDate>""");
            feed.Append(CultureInfo.InvariantCulture, $"<description><![CDATA[Post {i} is about the sea. It has a teaser. [&hellip;]]]></description><content:encoded><![CDATA[");
            for (var p = 0; p < paragraphs; p++)
            {
                feed.Append(CultureInfo.InvariantCulture, $"<p>Paragraph {p} of post {i}: tidal turbines sit on the seabed and turn with the <em>flow</em> of the tide, twice a day, which makes their output predictable years ahead; wave farms ride the swell.</p>");
            }

            feed.Append("]]></content:encoded></item>");
        }

        feed.Append("</channel></rss>");
        return Encoding.UTF8.GetBytes(feed.ToString());
    }

    private static string Row(string measure, string value) => $"| {measure} | {value} |";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N1} MB");
}
