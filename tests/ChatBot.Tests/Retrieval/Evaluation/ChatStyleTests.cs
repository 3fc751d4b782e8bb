using ChatBot.Retrieval.Evaluation;
using F23.StringSimilarity;

namespace ChatBot.Tests.Retrieval.Evaluation;

public sealed class ChatStyleTests
{
    private static readonly string[] Questions =
    [
        "Who is Meta's chief scientist?",
        "Which NFL team represented the AFC at Super Bowl 50?",
        "What did LeCun say about open source?",
        "Where did Super Bowl 50 take place?",
        "How much money did the Quokka Bridge Festival raise?",
        "Can you tell me what the festival raised, please?",
    ];

    [Fact]
    public void Rewrite_TypesTheQuestionTheChatWay()
    {
        var typed = ChatStyle.Rewrite("Can you tell me what Meta's festival raised, please?", "q1");

        Assert.Equal(typed.ToLowerInvariant(), typed);
        Assert.DoesNotContain('?', typed);
        Assert.DoesNotContain('\'', typed);
        Assert.StartsWith("can u tell me what ", typed, StringComparison.Ordinal);
        Assert.EndsWith(" pls", typed, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_SameIdSameQuestion_SameTypo()
    {
        Assert.All(Questions, q => Assert.Equal(ChatStyle.Rewrite(q, "id-" + q.Length), ChatStyle.Rewrite(q, "id-" + q.Length)));
    }

    [Fact]
    public void Rewrite_MakesExactlyOneTypoInOneContentWordAndKeepsItsFirstLetter()
    {
        var damerau = new Damerau();
        var ids = Enumerable.Range(0, 50).Select(i => "5733be284776f41900661182-" + i);
        foreach (var (question, id) in Questions.SelectMany(q => ids.Select(id => (q, id))))
        {
            var clean = ChatStyle.Rewrite(question, id, typo: false).Split(' ');
            var typed = ChatStyle.Rewrite(question, id).Split(' ');

            Assert.Equal(clean.Length, typed.Length);
            var changed = clean.Zip(typed).Where(p => p.First != p.Second).ToList();
            var (word, typo) = Assert.Single(changed);
            Assert.True(word.Length >= 4, word);
            Assert.Equal(word[0], typo[0]);
            Assert.Equal(1, damerau.Distance(word, typo));
        }
    }

    [Fact]
    public void Rewrite_DifferentIds_SpreadTheTypoKinds()
    {
        var typos = Enumerable.Range(0, 40).Select(i => ChatStyle.Rewrite("How much money did the Quokka Bridge Festival raise?", "id" + i)).ToHashSet();

        Assert.True(typos.Count >= 20, $"only {typos.Count} different rewrites");
        Assert.Contains(typos, t => t.Length < "how much money did the quokka bridge festival raise".Length);
        Assert.Contains(typos, t => t.Length > "how much money did the quokka bridge festival raise".Length);
    }
}
