using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Tests.Docs;

/// <summary>
/// The configuration tables cannot drift from the code: docs/configuration.md lists every key every options class binds,
/// with the default the bot really uses (the class's value overlaid by config/appsettings.json), and every key the
/// README's table names exists with that same default.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    private const string None = "—";

    [Fact]
    public void ConfigurationMd_ListsEveryKeyWithItsDefault()
    {
        var documented = Rows(Repository.Read("docs/configuration.md"));
        var expected = EffectiveDefaults();

        var problems = expected.Where(e => !documented.ContainsKey(e.Key)).Select(e => $"missing: | `{e.Key}` | {Cell(e.Value)} |")
            .Concat(Mismatches(documented, expected))
            .ToList();

        Assert.True(problems.Count == 0, "docs/configuration.md is out of date:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void ReadmeConfigurationTable_NamesRealKeysWithTheirDefaults()
    {
        var readme = Repository.Read("README.md");
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        var documented = Rows(section);

        var problems = Mismatches(documented, EffectiveDefaults()).ToList();

        Assert.True(documented.Count >= 10, "the README's configuration table was not found");
        Assert.True(problems.Count == 0, "README.md's configuration table is out of date:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void ExampleSettings_HoldOnlyRealKeys()
    {
        var example = new ConfigurationBuilder().AddJsonFile(Path.Combine(Repository.Root, "appsettings.example.json")).Build();

        Assert.Empty(ConfigurationCheck.UnknownKeys(example));
    }

    /// <summary>Every key (nested list items as Section:List:N:Key) and its effective default, formatted as the tables write it.</summary>
    public static Dictionary<string, string> EffectiveDefaults()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(Repository.Root, "config", "appsettings.json")).Build();
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (section, type) in OptionsCatalog.All)
        {
            var options = Activator.CreateInstance(type)!;
            shipped.GetSection(section).Bind(options);
            Add(defaults, section, type, options);
        }

        return defaults;
    }

    private static void Add(Dictionary<string, string> defaults, string prefix, Type type, object options)
    {
        foreach (var property in OptionsCatalog.Keys(type))
        {
            var key = prefix + ":" + property.Name;
            var value = property.GetValue(options);
            defaults[key] = Format(value);
            if (OptionsCatalog.ElementType(property.PropertyType) is { } element && OptionsCatalog.IsSection(element))
            {
                Add(defaults, key + ":N", element, Activator.CreateInstance(element)!);
            }
            else if (OptionsCatalog.DictionaryValueType(property.PropertyType) is { } named && OptionsCatalog.IsSection(named))
            {
                Add(defaults, key + ":<name>", named, Activator.CreateInstance(named)!);
            }
        }
    }

    private static IEnumerable<string> Mismatches(Dictionary<string, string> documented, Dictionary<string, string> expected) =>
        documented.Where(d => !d.Key.StartsWith("Logging:", StringComparison.Ordinal)).SelectMany(d =>
            !expected.TryGetValue(d.Key, out var value) ? [$"no such key: {d.Key}"]
            : value != d.Value ? [$"wrong default: | `{d.Key}` | {Cell(value)} | (the table says {d.Value})"]
            : Array.Empty<string>());

    private static string Format(object? value) => value switch
    {
        null => None,
        string s => s.Length == 0 ? None : s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => e.Cast<object>().Any() ? string.Join(", ", e.Cast<object>()) : None,
        _ => value.ToString() ?? None,
    };

    private static string Cell(string value) => value == None ? None : $"`{value}`";

    /// <summary>Table rows "| `Section:Key` | default | meaning |": the default is the first `code` span, or "—".</summary>
    private static Dictionary<string, string> Rows(string markdown)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(markdown))
        {
            var cell = row.Groups["default"].Value.Trim();
            var code = Code().Match(cell);
            rows[row.Groups["key"].Value] = cell.StartsWith(None, StringComparison.Ordinal) ? None : code.Success ? code.Groups[1].Value : cell;
        }

        return rows;
    }

    [GeneratedRegex(@"^\|\s*`(?<key>[A-Za-z]+(?::(?:[A-Za-z0-9]+|<name>))+)`\s*\|(?<default>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Code();
}
