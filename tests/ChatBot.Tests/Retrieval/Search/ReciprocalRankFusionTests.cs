using ChatBot.Retrieval.Search;

namespace ChatBot.Tests.Retrieval.Search;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuse_ItemInBothLists_OutranksItemsInOne()
    {
        var fused = ReciprocalRankFusion.Fuse([[1, 2, 3], [3, 4, 1]], [1.0, 1.0], k: 60);

        Assert.Equal(1, fused[0].Id);
        Assert.Equal(3, fused[1].Id);
        Assert.Equal((1.0 / 61) + (1.0 / 63), fused[0].Score, 12);
        Assert.Equal([1, 3], fused[0].Ranks);
        Assert.Equal([null, 2], fused.Single(f => f.Id == 4).Ranks);
    }

    [Fact]
    public void Fuse_Weights_ScaleEachList()
    {
        var fused = ReciprocalRankFusion.Fuse([[1], [2]], [1.0, 2.0], k: 60);

        Assert.Equal(2, fused[0].Id);
        Assert.Equal(2.0 / 61, fused[0].Score, 12);
    }

    [Fact]
    public void Fuse_DuplicateInOneList_CountsOnce()
    {
        var fused = ReciprocalRankFusion.Fuse([[7, 7]], [1.0], k: 60);

        Assert.Single(fused);
        Assert.Equal(1.0 / 61, fused[0].Score, 12);
    }

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
