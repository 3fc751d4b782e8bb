using System.Net;
using ChatBot.Retrieval.Ingestion.Web;

namespace ChatBot.Tests.Retrieval.Ingestion.Web;

public sealed class NetworkAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.20.30.40")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("224.0.0.1")]
    public void IsBlocked_NonPublicAddress_IsTrue(string address) => Assert.True(NetworkAddressGuard.IsBlocked(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsBlocked_PublicAddress_IsFalse(string address) => Assert.False(NetworkAddressGuard.IsBlocked(IPAddress.Parse(address)));
}
