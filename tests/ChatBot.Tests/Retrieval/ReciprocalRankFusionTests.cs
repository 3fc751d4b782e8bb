using ChatBot.Retrieval.Search;

namespace ChatBot.Tests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuse_ItemHighInBothLists_RanksFirstWithBothRanks()
    {
        var fused = ReciprocalRankFusion.Fuse([[1, 2, 3], [2, 4, 1]], [1.0, 1.0]);

        Assert.Equal(2, fused[0].Id); // 1/62 + 1/61 beats 1/61 + 1/63
        Assert.Equal([2, 1], fused[0].Ranks.Select(r => r!.Value));
        Assert.Equal(1.0 / 62 + 1.0 / 61, fused[0].Score, 10);
        Assert.Equal([2L, 1L, 4L, 3L], fused.Select(f => f.Id));
    }

    [Fact]
    public void Fuse_ZeroWeight_IgnoresThatList()
    {
        var fused = ReciprocalRankFusion.Fuse([[1, 2], [2, 1]], [1.0, 0.0]);

        Assert.Equal([1L, 2L], fused.Select(f => f.Id));
        Assert.Null(ReciprocalRankFusion.Fuse([[1], []], [1.0, 1.0])[0].Ranks[1]);
    }
}
