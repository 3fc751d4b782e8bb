using System.Text;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.IntegrationTests.Retrieval.Llm;
using ChatBot.Retrieval.Llm;
using ChatBot.TestKit.Llm;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace ChatBot.IntegrationTests.Retrieval.Summaries.Llm;

public sealed class LlmSummaryTests
{
    private static readonly Article Solar = new(1, "test:1", "Solar in Spain", null, null, null, DateTimeOffset.UnixEpoch, "h", 3);

    [Fact]
    public async Task SummarizeAsync_ArticleLongerThanTheContext_SummarisesPartsThenCombinesThem()
    {
        await using var h = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Llm:ContextTokens"] = "1024", ["Llm:MaxTokens"] = "200" });
        var text = LongArticle(sentences: 120);
        Arrange(h, text);
        h.Server.Responder = r => r.User!.Contains("notes on all parts", StringComparison.Ordinal)
            ? FakeChatBehaviour.Reply("Spain's solar build-out grew fast in 2024. Cheap panels and permits explain it.")
            : FakeChatBehaviour.Reply("A note on this part about solar panels.");

        var summary = await h.Service.SummarizeAsync("local", "Solar in Spain", SummaryLength.Medium, CancellationToken.None);

        Assert.NotNull(summary);
        Assert.Equal("Spain's solar build-out grew fast in 2024. Cheap panels and permits explain it.", summary.Text);
        Assert.Equal(2, summary.Sentences.Count);
        Assert.Null(summary.Note);
        var requests = h.Server.Requests;
        Assert.True(requests.Count >= 3, $"{requests.Count} requests");
        Assert.All(requests, r => Assert.True(r.Body.Length / 4 < 1024, $"request of {r.Body.Length} chars"));
        Assert.Contains("part 1 of " + (requests.Count - 1), requests[0].User, StringComparison.Ordinal);
        Assert.Contains("Part 1: A note", requests[^1].User, StringComparison.Ordinal);
        Assert.Contains("Part 2: A note", requests[^1].User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeAsync_ShortArticle_OneCallWithTheWholeText()
    {
        await using var h = await LlmHarness.StartAsync();
        var text = LongArticle(sentences: 5);
        Arrange(h, text);
        h.Server.Default = FakeChatBehaviour.Reply("Spain built a lot of solar in 2024.");

        var summary = await h.Service.SummarizeAsync("local", "Solar in Spain", SummaryLength.Short, CancellationToken.None);

        var request = Assert.Single(h.Server.Requests);
        Assert.Contains("the whole text", request.User, StringComparison.Ordinal);
        Assert.Contains("<article>\n" + text.Trim(), request.User, StringComparison.Ordinal);
        Assert.Equal("Spain built a lot of solar in 2024.", summary!.Text);
    }

    [Fact]
    public async Task SummarizeAsync_ModelDown_ExtractiveSummaryWithNote()
    {
        await using var h = await LlmHarness.StartAsync();
        Arrange(h, LongArticle(sentences: 5));
        h.Server.Default = FakeChatBehaviour.ServerError(503);

        var summary = await h.Service.SummarizeAsync("local", "Solar in Spain", SummaryLength.Short, CancellationToken.None);

        Assert.Equal("Quoted sentence one. Quoted sentence two.", summary!.Text);
        Assert.StartsWith(LlmRetrievalService.SummaryUnavailableNote, summary.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteOverviewAsync_Stories_SentFencedAndOverviewReturned()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = FakeChatBehaviour.Reply("Today: solar and wind.");
        var writer = h.Services.GetRequiredService<IDigestOverviewWriter>();

        var overview = await writer.WriteOverviewAsync([new ReplyItem("Solar <b>", null, "Spain built solar."), new ReplyItem("Wind", null, "Denmark built wind.")], CancellationToken.None);

        Assert.Equal("Today: solar and wind.", overview);
        var user = Assert.Single(h.Server.Requests).User!;
        Assert.Contains("<story id=\"1\" title=\"Solar &lt;b&gt;\">Spain built solar.</story>", user, StringComparison.Ordinal);
        Assert.Contains("<story id=\"2\" title=\"Wind\">", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteOverviewAsync_ModelDown_Null()
    {
        await using var h = await LlmHarness.StartAsync();
        h.Server.Default = FakeChatBehaviour.RateLimited();
        var writer = h.Services.GetRequiredService<IDigestOverviewWriter>();

        var overview = await writer.WriteOverviewAsync([new ReplyItem("Solar", null, "Spain built solar.")], CancellationToken.None);

        Assert.Null(overview);
    }

    private static void Arrange(LlmHarness h, string text)
    {
        var quoted = new Summary(Solar, "Quoted sentence one. Quoted sentence two.", ["Quoted sentence one.", "Quoted sentence two."], new Citation(1, 1, Solar.Title, Solar.Source, null, "Quoted sentence one. Quoted sentence two.", 1));
        h.Inner.Setup(i => i.SummarizeAsync("local", "Solar in Spain", It.IsAny<SummaryLength>(), It.IsAny<CancellationToken>())).ReturnsAsync(quoted);
        h.Store.Setup(s => s.GetTextAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(text);
    }

    private static string LongArticle(int sentences)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= sentences; i++)
        {
            text.Append("In month ").Append(i).Append(" the installers in Spain connected another batch of solar panels to the national grid. ");
        }

        return text.ToString();
    }
}
