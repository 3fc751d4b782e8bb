using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;

namespace ChatBot.Retrieval.Llm;

/// <summary>
/// The prompt templates, loaded and checked at start. A file holds a constant <c>&lt;message role="system"&gt;</c> block
/// and a <c>&lt;message role="user"&gt;</c> block that is a Semantic Kernel prompt template (<c>{{$variable}}</c>). The
/// system message never contains variables, so nothing an article says can change the instructions; article text only
/// arrives in the user message, fenced by <see cref="Answers.Llm.PassageFence"/>.
/// </summary>
public sealed partial class PromptLibrary
{
    private readonly Dictionary<string, PromptParts> _prompts;

    private PromptLibrary(string directory, Dictionary<string, PromptParts> prompts)
    {
        Directory = directory;
        _prompts = prompts;
    }

    public string Directory { get; }

    public PromptParts this[string name] => _prompts[name];

    /// <summary>Loads every template; throws <see cref="InvalidOperationException"/> listing what is missing or invalid.</summary>
    public static PromptLibrary Load(string directory)
    {
        var failures = Check(directory);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, failures));
        }

        var factory = new KernelPromptTemplateFactory { AllowDangerouslySetContent = true };
        var prompts = PromptNames.RequiredVariables.Keys.ToDictionary(
            n => n,
            n =>
            {
                var text = File.ReadAllText(PathOf(directory, n));
                var system = SystemMessage().Match(text).Groups[1].Value.Trim();
                var user = UserMessage().Match(text).Groups[1].Value.Trim();

                // Values are fenced by us and the result is never parsed as XML, so no HTML encoding of variables.
                var template = factory.Create(new PromptTemplateConfig(user) { Name = n, AllowDangerouslySetContent = true });
                return new PromptParts(n, system, template);
            },
            StringComparer.Ordinal);
        return new PromptLibrary(directory, prompts);
    }

    /// <summary>What is wrong with the templates in <paramref name="directory"/>, each naming the file and Llm:PromptsDirectory.</summary>
    public static IReadOnlyList<string> Check(string directory)
    {
        var failures = new List<string>();
        if (!System.IO.Directory.Exists(directory))
        {
            failures.Add($"Llm:PromptsDirectory: the prompts folder {directory} does not exist.");
            return failures;
        }

        foreach (var (name, variables) in PromptNames.RequiredVariables)
        {
            var path = PathOf(directory, name);
            if (!File.Exists(path))
            {
                failures.Add($"Llm:PromptsDirectory: prompt template {path} is missing.");
                continue;
            }

            var text = File.ReadAllText(path);
            var problem = Validate(name, text, variables);
            if (problem is not null)
            {
                failures.Add($"Llm:PromptsDirectory: prompt template {path} is invalid: {problem}");
            }
        }

        return failures;
    }

    /// <summary>Null when the template is usable, otherwise why not.</summary>
    internal static string? Validate(string name, string text, IReadOnlyList<string> variables)
    {
        try
        {
            var config = new PromptTemplateConfig(text) { Name = name };
            _ = new KernelPromptTemplateFactory().Create(config);
        }
        catch (KernelException ex)
        {
            return ex.Message;
        }

        var system = SystemMessage().Match(text);
        if (!system.Success)
        {
            return "it has no <message role=\"system\"> block.";
        }

        if (system.Groups[1].Value.Contains("{{", StringComparison.Ordinal))
        {
            return "its system message must be constant (no {{...}}).";
        }

        if (!UserMessage().IsMatch(text))
        {
            return "it has no <message role=\"user\"> block.";
        }

        var used = Variable().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = variables.Where(v => !used.Contains(v)).ToList();
        return missing.Count == 0 ? null : "it does not use " + string.Join(", ", missing.Select(v => "{{$" + v + "}}")) + ".";
    }

    private static string PathOf(string directory, string name) => Path.Combine(directory, name + ".txt");

    [GeneratedRegex("<message role=\"system\">(.*?)</message>", RegexOptions.Singleline)]
    private static partial Regex SystemMessage();

    [GeneratedRegex("<message role=\"user\">(.*?)</message>", RegexOptions.Singleline)]
    private static partial Regex UserMessage();

    [GeneratedRegex(@"\{\{\s*\$([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Variable();
}
