using ChatBot.Digests;

namespace ChatBot.Tests.Digests;

public sealed class DigestCronTests
{
    [Theory]
    [InlineData("\"0 8 * * *\" Europe/Berlin", "0 8 * * *", "Europe/Berlin")]
    [InlineData("0 8 * * * Europe/Berlin", "0 8 * * *", "Europe/Berlin")]
    [InlineData("\"30 7 * * 1-5\"", "30 7 * * 1-5", "UTC")]
    [InlineData("@daily America/New_York", "@daily", "America/New_York")]
    public void TryParseScheduleArgument_ValidForms_Parsed(string argument, string cron, string zone)
    {
        Assert.True(DigestCron.TryParseScheduleArgument(argument, "UTC", out var parsedCron, out var parsedZone, out var error), error);
        Assert.Equal(cron, parsedCron);
        Assert.Equal(zone, parsedZone);
    }

    [Theory]
    [InlineData("\"0 8 * * *")]
    [InlineData("\"61 8 * * *\"")]
    [InlineData("\"0 8 * * *\" Nowhere/City")]
    public void TryParseScheduleArgument_Invalid_ReturnsError(string argument)
    {
        Assert.False(DigestCron.TryParseScheduleArgument(argument, "UTC", out _, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void SlotsBetween_DstGap_MovesSlotToThreeOClock()
    {
        Assert.True(DigestCron.TryParse("30 2 * * *", out var cron, out _));
        Assert.True(DigestCron.TryFindTimeZone("Europe/Berlin", out var berlin));

        var (last, count) = DigestCron.SlotsBetween(cron, berlin, new DateTimeOffset(2025, 3, 29, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 30, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(1, count);
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), last); // 03:00 CEST
    }
}
