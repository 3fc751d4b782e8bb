namespace ChatBot.Tests.Docs;

/// <summary>The checkout the tests run from (the folder holding ChatBot.sln), for tests that read its files.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChatBot.sln not found above " + AppContext.BaseDirectory);
    }
}
