namespace ChatBot.Soak;

/// <summary>The repository (the folder holding ChatBot.sln), found by walking up from the working folder or the binaries.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "ChatBot.sln";

    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"{SolutionFile} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}: run the soak from inside the repository.");
    }
}
