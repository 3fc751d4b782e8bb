using ChatBot.Core.Model;

namespace ChatBot.IntegrationTests.Retrieval.Answers;

/// <summary>The seed article and a new user's articles (a news page, two garden blog posts: qa findings A1, A3, A5, A6).</summary>
public sealed class QaFindingsFixture() : AnswerTableFixture("QaFixtures");

/// <summary>
/// A new user's questions from the qa findings, asked through the one answer path with the real MiniLM model: the bold
/// marks the answer, not a quotation's first word (A3). A1, A5 and A6 (the answer is the neighbour of the sentence that
/// covers most of the question) were written here first and still fail with the learned ranking: see docs/retrieval.md.
/// </summary>
public sealed class QaFindingsTests(QaFindingsFixture fixture) : IClassFixture<QaFindingsFixture>
{
    [Fact]
    public async Task Ask_WhoIsTheMayor_MarksTheMayorsNameNotTheQuotationsFirstWord()
    {
        var answer = await AskAsync("who is the mayor of vellmar");

        Assert.False(answer.Abstained, answer.Text);
        Assert.Contains("mayor Ingrid Solberg", First(answer), StringComparison.Ordinal);
        Assert.Contains("**Ingrid Solberg**", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**This**", answer.Text, StringComparison.Ordinal);
    }

    private Task<Answer> AskAsync(string question) => fixture.Retrieval.AskAsync("local", question, null, CancellationToken.None);

    private static string First(Answer answer) => Assert.IsAssignableFrom<IReadOnlyList<string>>(answer.Sentences)[0];
}
