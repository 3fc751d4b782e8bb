using System.Text.RegularExpressions;

namespace ChatBot.Tests.Docs;

/// <summary>The Dockerfile cannot be built here (no Docker engine); these keep what can be checked from its text.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = Repository.Read("Dockerfile");

    [Fact]
    public void Restore_CopiesEveryProjectFileFirst_SoTheLayerIsCached()
    {
        var restore = Dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        var projects = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'));

        Assert.True(restore > 0);
        Assert.DoesNotContain("COPY . .", Dockerfile[..restore], StringComparison.Ordinal);
        Assert.All(projects, p => Assert.Contains("COPY " + p + " ", Dockerfile[..restore], StringComparison.Ordinal));
    }

    [Fact]
    public void Image_BuildsForTheTargetPlatform_RunsNoTests_AndRunsAsNonRoot()
    {
        Assert.Matches(@"dotnet restore .* -a ""\$TARGETARCH""", Dockerfile);
        Assert.Matches(@"dotnet publish .* -a ""\$TARGETARCH""", Dockerfile);
        Assert.DoesNotContain("dotnet test", Dockerfile, StringComparison.Ordinal);
        Assert.Equal("app", UserLine().Matches(Dockerfile)[^1].Groups[1].Value);
        Assert.Contains("HEALTHCHECK", Dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain(">linux-x64</RuntimeIdentifier>", Repository.Read("Directory.Build.props"), StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndDataOutOfTheContext()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
        Assert.Contains("data/", ignored);
    }

    [GeneratedRegex(@"^USER\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex UserLine();
}
