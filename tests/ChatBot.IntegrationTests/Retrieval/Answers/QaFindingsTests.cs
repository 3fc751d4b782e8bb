using ChatBot.Core.Model;

namespace ChatBot.IntegrationTests.Retrieval.Answers;

/// <summary>The seed article and a new user's articles (a news page, two garden blog posts: qa findings A1, A3, A5, A6).</summary>
public sealed class QaFindingsFixture() : AnswerTableFixture("QaFixtures");

/// <summary>
/// A new user's questions from the qa findings, asked through the one answer path with the real MiniLM model: the
/// sentence that answers comes first even when a neighbour covers more of the question's words, and the bold marks the
/// answer, not a quotation's first word.
/// </summary>
public sealed class QaFindingsTests(QaFindingsFixture fixture) : IClassFixture<QaFindingsFixture>
{
    [Fact]
    public async Task Ask_HowMuchDidTheSolarFarmCost_QuotesTheCostFirstWithTheMoneyInBold()
    {
        var answer = await AskAsync("How much did the solar farm cost?");

        Assert.False(answer.Abstained, answer.Text);
        Assert.StartsWith("The project cost €41 million", First(answer), StringComparison.Ordinal);
        Assert.Contains("**€41 million**", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_WhoIsTheMayor_MarksTheMayorsNameNotTheQuotationsFirstWord()
    {
        var answer = await AskAsync("who is the mayor of vellmar");

        Assert.False(answer.Abstained, answer.Text);
        Assert.Contains("mayor Ingrid Solberg", First(answer), StringComparison.Ordinal);
        Assert.Contains("**Ingrid Solberg**", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**This**", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HowDeepToPlantGarlic_QuotesTheDepthFirst()
    {
        var answer = await AskAsync("how deep do u plant garlic cloves");

        Assert.False(answer.Abstained, answer.Text);
        Assert.StartsWith("Plant each clove pointy end up, about 2.5", First(answer), StringComparison.Ordinal);
        Assert.Contains("**2.5\u00a0cm", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HowDoIStopPigeonsEatingMyKale_QuotesTheRemedyFirst()
    {
        var answer = await AskAsync("how do i stop pigeons eating my kale");

        Assert.False(answer.Abstained, answer.Text);
        Assert.StartsWith("The only thing that has ever worked for me is netting", First(answer), StringComparison.Ordinal);
    }

    private Task<Answer> AskAsync(string question) => fixture.Retrieval.AskAsync("local", question, null, CancellationToken.None);

    private static string First(Answer answer) => Assert.IsAssignableFrom<IReadOnlyList<string>>(answer.Sentences)[0];
}
