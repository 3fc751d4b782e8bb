using ChatBot.Retrieval.Search;

namespace ChatBot.Tests.Foundation;

public class ReciprocalRankFusionTests
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
}
