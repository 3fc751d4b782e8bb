using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Tests.Retrieval.Ingestion.Feeds;

/// <summary>The feed files under Corpus/ (one per dialect, encoding and kind of damage), read as the poller reads them.</summary>
internal static class FeedCorpus
{
    public static readonly Uri FeedUrl = new("https://feeds.example/feed");

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Retrieval", "Ingestion", "Feeds", "Corpus", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static FeedDocument Read(string name, string? httpCharset = null) => FeedParser.Parse(Bytes(name), FeedUrl, httpCharset);

    public static IEnumerable<string> Names() => Directory.EnumerateFiles(Path.GetDirectoryName(PathOf("x"))!).Select(Path.GetFileName).OfType<string>().Order();

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
